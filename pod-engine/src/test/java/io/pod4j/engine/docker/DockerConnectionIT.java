package io.pod4j.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A connection opened ahead ({@link DockerConnection#prefetch()}) is what the next
 * {@code open(null)} returns, once. Which connection came back is told by the engine's own clock:
 * {@code info()} holds the daemon's time when the connection was opened.
 */
class DockerConnectionIT {

    @Test
    void theNextOpenTakesTheConnectionOpenedAhead() throws InterruptedException {
        DockerConnection.prefetch();
        awaitPrefetch();
        Instant beforeOpen = Instant.now();
        try (DockerConnection c = DockerConnection.open(null)) {
            assertThat(openedAt(c)).isBefore(beforeOpen);
            assertThat(c.client().pingCmd().exec()).isNull();
        }
    }

    @Test
    void onlyOneOpenTakesIt() throws InterruptedException {
        DockerConnection.prefetch();
        awaitPrefetch();
        DockerConnection.open(null).close();
        Instant beforeSecond = Instant.now();
        try (DockerConnection second = DockerConnection.open(null)) {
            assertThat(openedAt(second)).isAfter(beforeSecond);
        }
    }

    @Test
    void aDiscardedConnectionIsNotHandedOut() throws InterruptedException {
        DockerConnection.prefetch();
        awaitPrefetch();
        DockerConnection.discardPrefetched();
        Instant afterDiscard = Instant.now();
        try (DockerConnection c = DockerConnection.open(null)) {
            assertThat(openedAt(c)).isAfter(afterDiscard);
        }
    }

    @Test
    void tellsPodmanFromDockerAsTheEngineNamesItself() {
        try (DockerConnection c = DockerConnection.open(null)) {
            var components = c.client().versionCmd().exec().getComponents();
            boolean podman = components != null && components.stream().anyMatch(x -> x.getName().startsWith("Podman"));

            assertThat(c.podman()).isEqualTo(podman);
            assertThat(c.runtimeVersion()).isEqualTo((podman ? "podman://" : "docker://") + c.info().getServerVersion());
        }
    }

    private static Instant openedAt(DockerConnection c) {
        return Instant.parse(c.info().getSystemTime());
    }

    private static void awaitPrefetch() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("pod4j-prefetch")) {
                t.join(30_000);
            }
        }
    }
}
