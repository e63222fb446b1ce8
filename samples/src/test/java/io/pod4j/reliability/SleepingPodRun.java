package io.pod4j.reliability;

import io.pod4j.api.model.Pod;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.TestImages;
import io.pod4j.junit.PodTest;
import io.pod4j.junit.TestPod;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherFactory;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * A JUnit run that OwnerKilledIT kills with SIGKILL: its main runs this class's test through the
 * JUnit Platform, as an IDE or Maven would; the test prints "ready" once its {@code @TestPod} runs
 * and then waits to be killed. (Not a test of its own: the name matches no Surefire or Failsafe pattern.)
 */
@PodTest
public class SleepingPodRun {

    /** The pod the killed run leaves behind. */
    public static final String POD = "killed-junit-run";

    @TestPod(method = "pod")
    static PodHandle pod;

    static Pod pod() {
        return Pod.named(POD).container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
    }

    @Test
    void waitsToBeKilled() throws InterruptedException {
        System.out.println("ready " + pod.name());
        System.out.flush();
        Thread.sleep(120_000);
    }

    /**
     * Runs this class's tests through the JUnit Platform launcher.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        LauncherFactory.create().execute(request().selectors(selectClass(SleepingPodRun.class)).build());
    }
}
