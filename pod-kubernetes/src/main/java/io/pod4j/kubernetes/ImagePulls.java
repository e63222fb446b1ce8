package io.pod4j.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.engine.PodListener;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says clearly, once per pod and image, when the cluster cannot pull a pod's image: the commonest
 * surprise of moving tests from the local engine, where images built or loaded on this machine
 * run as they are, to a cluster, whose nodes pull from registries.
 */
final class ImagePulls implements PodListener {

    private static final Logger LOG = LoggerFactory.getLogger(ImagePulls.class);
    private static final List<String> PULL_FAILURES = List.of("ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull");

    private final Set<String> told = ConcurrentHashMap.newKeySet();

    @Override
    public void podChanged(Pod pod) {
        hint(pod).ifPresent(h -> {
            if (told.add(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " " + h)) {
                LOG.warn(h);
            }
        });
    }

    /**
     * @param pod a pod as the cluster reports it
     * @return what to tell the user when a container waits because its image cannot be pulled
     */
    static Optional<String> hint(Pod pod) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        return Stream.of(pod.getStatus().getInitContainerStatuses(), pod.getStatus().getContainerStatuses())
                .filter(Objects::nonNull).flatMap(List::stream)
                .filter(s -> s.getState() != null && s.getState().getWaiting() != null
                        && PULL_FAILURES.contains(s.getState().getWaiting().getReason()))
                .findFirst().map(s -> message(pod, s));
    }

    private static String message(Pod pod, ContainerStatus s) {
        String image = s.getImage();
        return "pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + ": the cluster cannot pull image \""
                + image + "\" for container \"" + s.getName() + "\" (" + s.getState().getWaiting().getReason()
                + (s.getState().getWaiting().getMessage() == null ? "" : ": " + s.getState().getWaiting().getMessage())
                + "). Images built or loaded on this machine are not on the cluster: push it to a registry its nodes pull from "
                + "(docker tag + docker push, and an imagePullSecret if the registry is private), or load it into the nodes "
                + "(kind load docker-image " + image + ", minikube image load " + image + ")";
    }
}
