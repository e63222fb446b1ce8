package io.pod4j.engine.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * A pod's ephemeral containers as the kubelet runs them: each as the container it describes (an
 * {@code EphemeralContainer} has a container's fields, less ports, probes, lifecycle and
 * resources), beside its {@code targetContainerName}. Pure.
 */
public final class EphemeralContainers {

    private EphemeralContainers() {
    }

    /** @return the pod's ephemeral containers, in spec order */
    public static List<EphemeralContainer> of(Pod pod) {
        List<EphemeralContainer> list = pod.getSpec().getEphemeralContainers();
        return list == null ? List.of() : list;
    }

    /** @return the named ephemeral container of the pod, if it has one */
    public static Optional<EphemeralContainer> find(Pod pod, String name) {
        return of(pod).stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    /** @return the container an ephemeral container runs as */
    public static Container asContainer(EphemeralContainer e) {
        return new ContainerBuilder()
                .withName(e.getName())
                .withImage(e.getImage())
                .withImagePullPolicy(e.getImagePullPolicy())
                .withCommand(e.getCommand())
                .withArgs(e.getArgs())
                .withEnv(e.getEnv())
                .withEnvFrom(e.getEnvFrom())
                .withWorkingDir(e.getWorkingDir())
                .withVolumeMounts(e.getVolumeMounts())
                .withVolumeDevices(e.getVolumeDevices())
                .withSecurityContext(e.getSecurityContext())
                .withStdin(e.getStdin())
                .withStdinOnce(e.getStdinOnce())
                .withTty(e.getTty())
                .withTerminationMessagePath(e.getTerminationMessagePath())
                .withTerminationMessagePolicy(e.getTerminationMessagePolicy())
                .build();
    }
}
