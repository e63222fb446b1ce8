package io.pod4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class ImagePullsTest {

    private static Pod waiting(String reason, String message) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName("web").endMetadata()
                .withNewStatus().withPhase("Pending").addNewContainerStatus().withName("app").withImage("myapp:dev")
                .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState()
                .endContainerStatus().endStatus().build();
    }

    @Test
    void anImageTheClusterCannotPullIsExplainedWithWhatToDo() {
        assertThat(ImagePulls.hint(waiting("ImagePullBackOff", "Back-off pulling image \"myapp:dev\"")))
                .hasValue("pod default/web: the cluster cannot pull image \"myapp:dev\" for container \"app\" (ImagePullBackOff: "
                        + "Back-off pulling image \"myapp:dev\"). Images built or loaded on this machine are not on the cluster: "
                        + "push it to a registry its nodes pull from (docker tag + docker push, and an imagePullSecret if the "
                        + "registry is private), or load it into the nodes (kind load docker-image myapp:dev, minikube image load "
                        + "myapp:dev)");
    }

    @Test
    void otherWaitingReasonsGiveNoHint() {
        assertThat(ImagePulls.hint(waiting("ContainerCreating", null))).isEmpty();
        assertThat(ImagePulls.hint(new PodBuilder().withNewMetadata().withName("new").endMetadata().build())).isEmpty();
    }
}
