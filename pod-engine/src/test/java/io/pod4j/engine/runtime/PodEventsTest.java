package io.pod4j.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Pods;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pod's events name the container they are about, as the kubelet's do (describe's "From" and kubectl's field selector). */
class PodEventsTest {

    private final List<Event> written = new ArrayList<>();
    private final Pod pod = Pods.named("web").initContainer("init", c -> c.image("busybox:1"))
            .container("app", c -> c.image("busybox:1")).build();
    private final PodEvents events;

    PodEventsTest() {
        pod.getMetadata().setNamespace("default");
        pod.getMetadata().setUid("uid-1");
        events = new PodEvents(pod, "node-1", new EngineContext.Sink() {
            @Override
            public void status(Pod p) {
            }

            @Override
            public void event(Event e) {
                written.add(e);
            }

            @Override
            public void bind(Pod p, String nodeName) {
            }

            @Override
            public void removed(Pod p) {
            }
        });
    }

    @Test
    void namesAnAppContainerByItsPlaceInTheSpec() {
        events.of("app").normal("Started", "Started container app");
        assertThat(written.get(0).getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{app}");
        assertThat(written.get(0).getSource().getComponent()).isEqualTo("kubelet");
        assertThat(written.get(0).getSource().getHost()).isEqualTo("node-1");
    }

    @Test
    void namesAnInitContainerByItsPlaceInTheSpec() {
        events.of("init").warning("BackOff", "Back-off restarting failed container init");
        assertThat(written.get(0).getInvolvedObject().getFieldPath()).isEqualTo("spec.initContainers{init}");
    }

    @Test
    void leavesTheFieldPathOutOfAnEventAboutThePod() {
        events.warning("FailedCreatePodSandBox", "kubelet", "Failed to create pod sandbox: boom");
        assertThat(written.get(0).getInvolvedObject().getFieldPath()).isNull();
    }

    @Test
    void countsTheSameEventOfTwoContainersApart() {
        events.of("init").normal("Pulled", "Container image \"busybox:1\" already present on machine");
        events.of("app").normal("Pulled", "Container image \"busybox:1\" already present on machine");
        events.of("app").normal("Pulled", "Container image \"busybox:1\" already present on machine");
        assertThat(written).extracting(e -> e.getInvolvedObject().getFieldPath() + " x" + e.getCount())
                .containsExactly("spec.initContainers{init} x1", "spec.containers{app} x1", "spec.containers{app} x2");
    }
}
