package io.pod4j.cli.verbs;

import io.pod4j.api.model.Container;
import io.pod4j.api.model.ContainerState;
import io.pod4j.api.model.ContainerStatus;
import io.pod4j.api.model.Pod;
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
        String name = pod.metadata().name();
        Optional<ApiError> invalid = notInSpec(pod, container);
        if (invalid.isPresent()) {
            return invalid;
        }
        ContainerStatus s = status(pod, container).orElse(null);
        String who = "container \"" + container + "\" in pod \"" + name + "\"";
        if (s == null) {
            return Optional.of(new ApiError("BadRequest", who + " is waiting to start: ContainerCreating"));
        }
        ContainerState state = s.state() == null ? ContainerState.builder().build() : s.state();
        ContainerState last = s.lastState() == null ? ContainerState.builder().build() : s.lastState();
        if (previous) {
            return last.terminated() == null
                    ? Optional.of(new ApiError("BadRequest", "previous terminated " + who + " not found"))
                    : Optional.empty();
        }
        if (state.running() != null || state.terminated() != null || last.terminated() != null) {
            return Optional.empty();
        }
        if (state.waiting() != null) {
            String reason = state.waiting().reason();
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
        boolean running = status(pod, container).map(s -> s.state() != null && s.state().running() != null).orElse(false);
        return running ? Optional.empty()
                : Optional.of(new ApiError(null, "unable to upgrade connection: container not found (\"" + container + "\")"));
    }

    /**
     * @param pod the pod, with its status
     * @return kubectl's refusal to exec into a pod that has ended (checked before it picks a container)
     */
    static Optional<ApiError> completed(Pod pod) {
        String phase = pod.status() == null ? null : pod.status().phase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return Optional.of(new ApiError(null, "cannot exec into a container in a completed pod; current phase is " + phase));
        }
        return Optional.empty();
    }

    private static Optional<ApiError> notInSpec(Pod pod, String container) {
        List<String> names = new ArrayList<>();
        Stream.concat(pod.spec().initContainers().stream(), pod.spec().containers().stream()).map(Container::name).forEach(names::add);
        return names.contains(container) ? Optional.empty()
                : Optional.of(new ApiError("BadRequest", "container " + container + " is not valid for pod " + pod.metadata().name()));
    }

    private static Optional<ContainerStatus> status(Pod pod, String container) {
        if (pod.status() == null) {
            return Optional.empty();
        }
        return Stream.concat(pod.status().initContainerStatuses().stream(), pod.status().containerStatuses().stream())
                .filter(s -> container.equals(s.name())).findFirst();
    }
}
