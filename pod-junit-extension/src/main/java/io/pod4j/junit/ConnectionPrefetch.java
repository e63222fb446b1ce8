package io.pod4j.junit;

import io.pod4j.engine.docker.DockerConnection;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Opens the Docker connection as soon as a test run begins, while JUnit is still discovering
 * tests, so that the first {@code @PodTest} class finds it ready: in a cold JVM, loading the Docker
 * client and reaching the engine is about half a second, most of which then overlaps JUnit's own
 * start (the same idea as Spring Boot's background pre-initializer). It only pings the engine and
 * asks what it is; the connection is closed at the end of the run if no test took it.
 *
 * <p>Registered through {@code META-INF/services}; set the system property
 * {@code pod4j.prefetch=false} to turn it off.
 */
public final class ConnectionPrefetch implements LauncherSessionListener {

    /** Creates the listener; JUnit does, through the service loader. */
    public ConnectionPrefetch() {
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!"false".equals(System.getProperty("pod4j.prefetch"))) {
            DockerConnection.prefetch();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        DockerConnection.discardPrefetched();
    }
}
