package io.pod4j.cli.print;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.api.model.ContainerState;
import io.pod4j.api.model.ContainerStateRunning;
import io.pod4j.api.model.ContainerStateWaiting;
import io.pod4j.api.model.ContainerStatus;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.PodStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodColumnsTest {

    private static Pod pod(ContainerStatus... statuses) {
        Pod p = Pod.named("web").container("web", c -> c.image("busybox")).container("side", c -> c.image("busybox")).build();
        return p.withStatus(PodStatus.builder().phase("Running").containerStatuses(List.of(statuses)).build());
    }

    private static ContainerStatus running(String name, boolean ready) {
        return ContainerStatus.builder().name(name).ready(ready).restartCount(0)
                .state(ContainerState.builder().running(ContainerStateRunning.builder().startedAt(Instant.EPOCH).build()).build())
                .build();
    }

    @Test
    void countsReadyRunningContainers() {
        assertThat(PodColumns.ready(pod(running("web", true), running("side", false)))).isEqualTo("1/2");
    }

    @Test
    void showsTheWaitingReasonOfAContainerAsStatus() {
        ContainerStatus crashing = ContainerStatus.builder().name("side").ready(false).restartCount(3)
                .state(ContainerState.builder().waiting(ContainerStateWaiting.builder().reason("CrashLoopBackOff").build()).build())
                .build();
        assertThat(PodColumns.status(pod(running("web", true), crashing))).isEqualTo("CrashLoopBackOff");
    }

    @Test
    void showsRunningWhenEveryContainerRuns() {
        assertThat(PodColumns.status(pod(running("web", true), running("side", true)))).isEqualTo("Running");
    }
}
