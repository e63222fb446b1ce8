package io.pod4j.cli.print;

import io.pod4j.api.model.ContainerStatus;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.PodStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of {@code kubectl get pods}: READY, STATUS and RESTARTS computed as kubectl's
 * {@code printPod} computes them from the pod's status.
 */
public final class PodColumns {

    private PodColumns() {
    }

    /**
     * @param pod a pod
     * @return {@code ready/total} over the app containers (and restartable init containers)
     */
    public static String ready(Pod pod) {
        PodStatus s = pod.status();
        int total = pod.spec().containers().size();
        int ready = 0;
        if (s != null) {
            for (ContainerStatus c : s.containerStatuses()) {
                if (Boolean.TRUE.equals(c.ready()) && c.state() != null && c.state().running() != null) {
                    ready++;
                }
            }
            for (var ic : pod.spec().initContainers()) {
                if ("Always".equals(ic.restartPolicy())) {
                    total++;
                    for (ContainerStatus c : s.initContainerStatuses()) {
                        if (c.name().equals(ic.name()) && Boolean.TRUE.equals(c.ready()) && c.state() != null && c.state().running() != null) {
                            ready++;
                        }
                    }
                }
            }
        }
        return ready + "/" + total;
    }

    /**
     * @param pod a pod
     * @param now the present, for the age of the last restart
     * @return restarts, such as {@code 3 (12s ago)}
     */
    public static String restarts(Pod pod, Instant now) {
        PodStatus s = pod.status();
        if (s == null) {
            return "0";
        }
        int restarts = 0;
        Instant last = null;
        List<ContainerStatus> all = new ArrayList<>(s.initContainerStatuses());
        all.addAll(s.containerStatuses());
        for (ContainerStatus c : all) {
            restarts += c.restartCount() == null ? 0 : c.restartCount();
            if (c.lastState() != null && c.lastState().terminated() != null && c.lastState().terminated().finishedAt() != null) {
                Instant f = c.lastState().terminated().finishedAt();
                if (last == null || f.isAfter(last)) {
                    last = f;
                }
            }
        }
        return restarts > 0 && last != null ? restarts + " (" + Ages.since(last, now) + " ago)" : Integer.toString(restarts);
    }

    /**
     * @param pod a pod
     * @return the STATUS column: Running, Completed, CrashLoopBackOff, Init:0/1, Terminating...
     */
    public static String status(Pod pod) {
        PodStatus s = pod.status();
        String reason = s == null || s.phase() == null ? "Pending" : s.phase();
        if (s != null && s.reason() != null && !s.reason().isEmpty()) {
            reason = s.reason();
        }
        boolean initializing = false;
        if (s != null) {
            List<ContainerStatus> inits = s.initContainerStatuses();
            for (int i = 0; i < inits.size(); i++) {
                ContainerStatus c = inits.get(i);
                boolean sidecar = pod.spec().initContainers().stream()
                        .anyMatch(ic -> ic.name().equals(c.name()) && "Always".equals(ic.restartPolicy()));
                var st = c.state();
                if (st != null && st.terminated() != null && Integer.valueOf(0).equals(st.terminated().exitCode())) {
                    continue;
                }
                if (sidecar && Boolean.TRUE.equals(c.started())) {
                    continue;
                }
                if (st != null && st.terminated() != null) {
                    var t = st.terminated();
                    if (t.reason() == null || t.reason().isEmpty()) {
                        reason = t.signal() != null && t.signal() != 0 ? "Init:Signal:" + t.signal() : "Init:ExitCode:" + t.exitCode();
                    } else {
                        reason = "Init:" + t.reason();
                    }
                } else if (st != null && st.waiting() != null && st.waiting().reason() != null
                        && !st.waiting().reason().isEmpty() && !"PodInitializing".equals(st.waiting().reason())) {
                    reason = "Init:" + st.waiting().reason();
                } else {
                    reason = "Init:" + i + "/" + pod.spec().initContainers().size();
                }
                initializing = true;
                break;
            }
            if (!initializing) {
                boolean hasRunning = false;
                List<ContainerStatus> cs = s.containerStatuses();
                for (int i = cs.size() - 1; i >= 0; i--) {
                    var st = cs.get(i).state();
                    if (st == null) {
                        continue;
                    }
                    if (st.waiting() != null && st.waiting().reason() != null && !st.waiting().reason().isEmpty()) {
                        reason = st.waiting().reason();
                    } else if (st.terminated() != null && st.terminated().reason() != null && !st.terminated().reason().isEmpty()) {
                        reason = st.terminated().reason();
                    } else if (st.terminated() != null) {
                        var t = st.terminated();
                        reason = t.signal() != null && t.signal() != 0 ? "Signal:" + t.signal() : "ExitCode:" + t.exitCode();
                    } else if (st.running() != null && Boolean.TRUE.equals(cs.get(i).ready())) {
                        hasRunning = true;
                    }
                }
                if ("Completed".equals(reason) && hasRunning) {
                    boolean ready = s.conditions().stream().anyMatch(c -> "Ready".equals(c.type()) && "True".equals(c.status()));
                    reason = ready ? "Running" : "NotReady";
                }
            }
        }
        if (pod.metadata().deletionTimestamp() != null) {
            reason = "Terminating";
        }
        return reason;
    }
}
