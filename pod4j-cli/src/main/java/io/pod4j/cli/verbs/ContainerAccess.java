package io.pod4j.cli.verbs;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.cli.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Why {@code logs} or {@code exec} cannot reach a container yet, in the words a cluster answers
 * with: kubectl's own checks, then the API server's ({@code container x is not valid for pod p}),
 * then the kubelet's ({@code container "app" in pod "p" is waiting to start: trying and failing to
 * pull image}), all decided from the pod's spec and status.
 */
final class ContainerAccess {

    private ContainerAccess() {
    }

    /**
     * @param pod the pod, with its status
     * @param container the container asked for
     * @param previous true for {@code logs -p}
     * @return the error kubectl would print, or empty when the logs can be read
     */
    static Optional<ApiError> logs(Pod pod, String container, boolean previous) {
        String name = pod.getMetadata().getName();
        Optional<ApiError> invalid = notInSpec(pod, container);
        if (invalid.isPresent()) {
            return invalid;
        }
        ContainerStatus s = status(pod, container).orElse(null);
        String who = "container \"" + container + "\" in pod \"" + name + "\"";
        if (s == null) {
            return Optional.of(new ApiError("BadRequest", who + " is waiting to start: ContainerCreating"));
        }
        ContainerState state = s.getState() == null ? new ContainerState() : s.getState();
        ContainerState last = s.getLastState() == null ? new ContainerState() : s.getLastState();
        if (previous) {
            return last.getTerminated() == null
                    ? Optional.of(new ApiError("BadRequest", "previous terminated " + who + " not found"))
                    : Optional.empty();
        }
        if (state.getRunning() != null || state.getTerminated() != null || last.getTerminated() != null) {
            return Optional.empty();
        }
        if (state.getWaiting() != null) {
            String reason = state.getWaiting().getReason();
            // The kubelet words the two image-pull reasons; any other waiting reason it names as is.
            String why = "ErrImagePull".equals(reason) ? "image can't be pulled"
                    : "ImagePullBackOff".equals(reason) ? "trying and failing to pull image"
                    : reason;
            return Optional.of(new ApiError("BadRequest", who + " is waiting to start: " + why));
        }
        return Optional.of(new ApiError("BadRequest", who + " is waiting to start - no logs yet"));
    }

    /**
     * @param pod the pod, with its status
     * @param container the container asked for
     * @return the error kubectl would print, or empty when a command can run in it
     */
    static Optional<ApiError> exec(Pod pod, String container) {
        Optional<ApiError> done = completed(pod);
        if (done.isPresent()) {
            return done;
        }
        Optional<ApiError> invalid = notInSpec(pod, container);
        if (invalid.isPresent()) {
            return invalid;
        }
        boolean running = status(pod, container).map(s -> s.getState() != null && s.getState().getRunning() != null).orElse(false);
        return running ? Optional.empty()
                : Optional.of(new ApiError(null, "unable to upgrade connection: container not found (\"" + container + "\")"));
    }

    /**
     * @param pod the pod, with its status
     * @return kubectl's refusal to exec into a pod that has ended (checked before it picks a container)
     */
    static Optional<ApiError> completed(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return Optional.of(new ApiError(null, "cannot exec into a container in a completed pod; current phase is " + phase));
        }
        return Optional.empty();
    }

    private static Optional<ApiError> notInSpec(Pod pod, String container) {
        List<String> names = new ArrayList<>();
        Stream.concat(list(pod.getSpec().getInitContainers()).stream(), list(pod.getSpec().getContainers()).stream())
                .map(Container::getName).forEach(names::add);
        return names.contains(container) ? Optional.empty()
                : Optional.of(new ApiError("BadRequest", "container " + container + " is not valid for pod " + pod.getMetadata().getName()));
    }

    private static Optional<ContainerStatus> status(Pod pod, String container) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        return Stream.concat(list(pod.getStatus().getInitContainerStatuses()).stream(), list(pod.getStatus().getContainerStatuses()).stream())
                .filter(s -> container.equals(s.getName())).findFirst();
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
