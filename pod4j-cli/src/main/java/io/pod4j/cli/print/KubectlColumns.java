package io.pod4j.cli.print;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.pod4j.api.build.Timestamps;
import io.pod4j.apiserver.table.HumanDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The READY, STATUS, RESTARTS and AGE columns of {@code kubectl get pods}, computed from a Pod as
 * kubectl's printPod computes them (sidecars counted in READY, {@code Init:1/2},
 * {@code CrashLoopBackOff}, {@code Completed}, {@code Terminating}, restarts with "(5m ago)").
 *
 * @param ready such as {@code 1/2}
 * @param status such as {@code Running} or {@code Init:CrashLoopBackOff}
 * @param restarts such as {@code 3 (42s ago)}
 * @param age such as {@code 5m}
 */
public record KubectlColumns(String ready, String status, String restarts, String age) {

    /**
     * @param pod a pod with its status
     * @param now the time to measure ages against
     * @return its columns
     */
    public static KubectlColumns of(Pod pod, Instant now) {
        PodStatus s = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        int restarts = 0;
        int restartableRestarts = 0;
        Instant lastRestart = null;
        Instant lastRestartableRestart = null;
        int total = pod.getSpec().getContainers().size();
        int ready = 0;
        String reason = s.getPhase() == null ? "Pending" : s.getPhase();
        if (s.getReason() != null && !s.getReason().isEmpty()) {
            reason = s.getReason();
        }
        Map<String, Container> inits = new HashMap<>();
        for (Container c : pod.getSpec().getInitContainers()) {
            inits.put(c.getName(), c);
            if ("Always".equals(c.getRestartPolicy())) {
                total++;
            }
        }
        boolean initializing = false;
        List<ContainerStatus> initStatuses = s.getInitContainerStatuses();
        for (int i = 0; i < initStatuses.size(); i++) {
            ContainerStatus c = initStatuses.get(i);
            int count = c.getRestartCount() == null ? 0 : c.getRestartCount();
            restarts += count;
            Instant finished = lastFinished(c);
            if (finished != null && (lastRestart == null || finished.isAfter(lastRestart))) {
                lastRestart = finished;
            }
            Container spec = inits.get(c.getName());
            boolean restartable = spec != null && "Always".equals(spec.getRestartPolicy());
            boolean started = Boolean.TRUE.equals(c.getStarted());
            if (restartable) {
                restartableRestarts += count;
                if (finished != null && (lastRestartableRestart == null || finished.isAfter(lastRestartableRestart))) {
                    lastRestartableRestart = finished;
                }
                if (started && Boolean.TRUE.equals(c.getReady())) {
                    ready++;
                }
            }
            var state = c.getState();
            ContainerStateTerminated t = state == null ? null : state.getTerminated();
            if (t != null && t.getExitCode() != null && t.getExitCode() == 0) {
                continue;
            }
            if (restartable && started) {
                continue;
            }
            if (t != null) {
                if (t.getReason() == null || t.getReason().isEmpty()) {
                    reason = t.getSignal() != null && t.getSignal() != 0 ? "Init:Signal:" + t.getSignal() : "Init:ExitCode:" + t.getExitCode();
                } else {
                    reason = "Init:" + t.getReason();
                }
            } else if (state != null && state.getWaiting() != null && state.getWaiting().getReason() != null
                    && !state.getWaiting().getReason().isEmpty() && !"PodInitializing".equals(state.getWaiting().getReason())) {
                reason = "Init:" + state.getWaiting().getReason();
            } else {
                reason = "Init:" + i + "/" + pod.getSpec().getInitContainers().size();
            }
            initializing = true;
            break;
        }
        boolean initialized = s.getConditions().stream().anyMatch(c -> "Initialized".equals(c.getType()) && "True".equals(c.getStatus()));
        if (!initializing || initialized) {
            restarts = restartableRestarts;
            lastRestart = lastRestartableRestart;
            boolean hasRunning = false;
            List<ContainerStatus> statuses = s.getContainerStatuses();
            for (int i = statuses.size() - 1; i >= 0; i--) {
                ContainerStatus c = statuses.get(i);
                restarts += c.getRestartCount() == null ? 0 : c.getRestartCount();
                Instant finished = lastFinished(c);
                if (finished != null && (lastRestart == null || finished.isAfter(lastRestart))) {
                    lastRestart = finished;
                }
                var state = c.getState();
                if (state == null) {
                    continue;
                }
                if (state.getWaiting() != null && state.getWaiting().getReason() != null && !state.getWaiting().getReason().isEmpty()) {
                    reason = state.getWaiting().getReason();
                } else if (state.getTerminated() != null && state.getTerminated().getReason() != null
                        && !state.getTerminated().getReason().isEmpty()) {
                    reason = state.getTerminated().getReason();
                } else if (state.getTerminated() != null) {
                    var t = state.getTerminated();
                    reason = t.getSignal() != null && t.getSignal() != 0 ? "Signal:" + t.getSignal() : "ExitCode:" + t.getExitCode();
                } else if (Boolean.TRUE.equals(c.getReady()) && state.getRunning() != null) {
                    hasRunning = true;
                    ready++;
                }
            }
            if ("Completed".equals(reason) && hasRunning) {
                boolean readyCondition = s.getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
                reason = readyCondition ? "Running" : "NotReady";
            }
        }
        String phase = s.getPhase();
        if (pod.getMetadata().getDeletionTimestamp() != null && "NodeLost".equals(s.getReason())) {
            reason = "Unknown";
        } else if (pod.getMetadata().getDeletionTimestamp() != null && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
            reason = "Terminating";
        }
        String restartText = Integer.toString(restarts);
        if (restarts != 0 && lastRestart != null) {
            restartText = restarts + " (" + HumanDuration.format(Duration.between(lastRestart, now)) + " ago)";
        }
        Instant created = Timestamps.parse(pod.getMetadata().getCreationTimestamp());
        String age = created == null ? "<unknown>" : HumanDuration.format(Duration.between(created, now));
        return new KubectlColumns(ready + "/" + total, reason, restartText, age);
    }

    private static Instant lastFinished(ContainerStatus c) {
        return c.getLastState() != null && c.getLastState().getTerminated() != null
                ? Timestamps.parse(c.getLastState().getTerminated().getFinishedAt()) : null;
    }

}
