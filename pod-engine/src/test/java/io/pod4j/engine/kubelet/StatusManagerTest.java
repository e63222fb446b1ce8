package io.pod4j.engine.kubelet;

import static io.pod4j.engine.kubelet.PodPlannerTest.spec;
import static io.pod4j.engine.kubelet.Views.c;
import static io.pod4j.engine.kubelet.Views.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the status manager writes, and what it refuses to write. */
class StatusManagerTest {

    private final List<PodStatus> written = new ArrayList<>();
    private final StatusManager manager = new StatusManager(p -> written.add(p.getStatus()));
    private final Pod app = spec("Always", b -> b.container("a", c -> c.image("busybox:1")));

    @Test
    void writesANewPodsFirstStatusAsPending() {
        manager.first(app);

        assertThat(written).singleElement().extracting(PodStatus::getPhase).isEqualTo("Pending");
    }

    @Test
    void neverReplacesASyncsStatusWithTheFirstOne() {
        PodStatus synced = manager.update(app, pod().apps(c("a").running()).view(), null, false);

        manager.first(app);

        assertThat(written).containsExactly(synced);
        assertThat(manager.last()).isSameAs(synced);
    }
}
