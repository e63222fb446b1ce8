package io.pod4j.engine.status;

import io.pod4j.api.model.Container;
import io.pod4j.api.model.ContainerStatus;
import io.pod4j.api.model.ContainerStateTerminated;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.PodStatus;
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
        PodStatus s = pod.status() == null ? PodStatus.builder().build() : pod.status();
        int restarts = 0;
        int restartableRestarts = 0;
        Instant lastRestart = null;
        Instant lastRestartableRestart = null;
        int total = pod.spec().containers().size();
        int ready = 0;
        String reason = s.phase() == null ? "Pending" : s.phase();
        if (s.reason() != null && !s.reason().isEmpty()) {
            reason = s.reason();
        }
        Map<String, Container> inits = new HashMap<>();
        for (Container c : pod.spec().initContainers()) {
            inits.put(c.name(), c);
            if ("Always".equals(c.restartPolicy())) {
                total++;
            }
        }
        boolean initializing = false;
        List<ContainerStatus> initStatuses = s.initContainerStatuses();
        for (int i = 0; i < initStatuses.size(); i++) {
            ContainerStatus c = initStatuses.get(i);
            int count = c.restartCount() == null ? 0 : c.restartCount();
            restarts += count;
            Instant finished = lastFinished(c);
            if (finished != null && (lastRestart == null || finished.isAfter(lastRestart))) {
                lastRestart = finished;
            }
            Container spec = inits.get(c.name());
            boolean restartable = spec != null && "Always".equals(spec.restartPolicy());
            boolean started = Boolean.TRUE.equals(c.started());
            if (restartable) {
                restartableRestarts += count;
                if (finished != null && (lastRestartableRestart == null || finished.isAfter(lastRestartableRestart))) {
                    lastRestartableRestart = finished;
                }
                if (started && Boolean.TRUE.equals(c.ready())) {
                    ready++;
                }
            }
            var state = c.state();
            ContainerStateTerminated t = state == null ? null : state.terminated();
            if (t != null && t.exitCode() != null && t.exitCode() == 0) {
                continue;
            }
            if (restartable && started) {
                continue;
            }
            if (t != null) {
                if (t.reason() == null || t.reason().isEmpty()) {
                    reason = t.signal() != null && t.signal() != 0 ? "Init:Signal:" + t.signal() : "Init:ExitCode:" + t.exitCode();
                } else {
                    reason = "Init:" + t.reason();
                }
            } else if (state != null && state.waiting() != null && state.waiting().reason() != null
                    && !state.waiting().reason().isEmpty() && !"PodInitializing".equals(state.waiting().reason())) {
                reason = "Init:" + state.waiting().reason();
            } else {
                reason = "Init:" + i + "/" + pod.spec().initContainers().size();
            }
            initializing = true;
            break;
        }
        boolean initialized = s.conditions().stream().anyMatch(c -> "Initialized".equals(c.type()) && "True".equals(c.status()));
        if (!initializing || initialized) {
            restarts = restartableRestarts;
            lastRestart = lastRestartableRestart;
            boolean hasRunning = false;
            List<ContainerStatus> statuses = s.containerStatuses();
            for (int i = statuses.size() - 1; i >= 0; i--) {
                ContainerStatus c = statuses.get(i);
                restarts += c.restartCount() == null ? 0 : c.restartCount();
                Instant finished = lastFinished(c);
                if (finished != null && (lastRestart == null || finished.isAfter(lastRestart))) {
                    lastRestart = finished;
                }
                var state = c.state();
                if (state == null) {
                    continue;
                }
                if (state.waiting() != null && state.waiting().reason() != null && !state.waiting().reason().isEmpty()) {
                    reason = state.waiting().reason();
                } else if (state.terminated() != null && state.terminated().reason() != null
                        && !state.terminated().reason().isEmpty()) {
                    reason = state.terminated().reason();
                } else if (state.terminated() != null) {
                    var t = state.terminated();
                    reason = t.signal() != null && t.signal() != 0 ? "Signal:" + t.signal() : "ExitCode:" + t.exitCode();
                } else if (Boolean.TRUE.equals(c.ready()) && state.running() != null) {
                    hasRunning = true;
                    ready++;
                }
            }
            if ("Completed".equals(reason) && hasRunning) {
                boolean readyCondition = s.conditions().stream().anyMatch(c -> "Ready".equals(c.type()) && "True".equals(c.status()));
                reason = readyCondition ? "Running" : "NotReady";
            }
        }
        String phase = s.phase();
        if (pod.metadata().deletionTimestamp() != null && "NodeLost".equals(s.reason())) {
            reason = "Unknown";
        } else if (pod.metadata().deletionTimestamp() != null && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
            reason = "Terminating";
        }
        String restartText = Integer.toString(restarts);
        if (restarts != 0 && lastRestart != null) {
            restartText = restarts + " (" + HumanDuration.format(Duration.between(lastRestart, now)) + " ago)";
        }
        Instant created = pod.metadata().creationTimestamp();
        String age = created == null ? "<unknown>" : HumanDuration.format(Duration.between(created, now));
        return new KubectlColumns(ready + "/" + total, reason, restartText, age);
    }

    private static Instant lastFinished(ContainerStatus c) {
        return c.lastState() != null && c.lastState().terminated() != null ? c.lastState().terminated().finishedAt() : null;
    }
}
