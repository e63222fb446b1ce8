package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Probe;
import io.pod4j.engine.probe.ProbeKind;
import io.pod4j.engine.probe.ProbeLoop;
import io.pod4j.engine.probe.ProbeTarget;
import java.util.HashMap;
import java.util.Map;

/**
 * The prober of one pod, as the kubelet's prober manager: one loop per probe of each container
 * instance, started when the instance runs (liveness and readiness once the startup probe
 * succeeded), stopped when it ends. A verdict only updates the container's record and wakes the
 * worker: what follows (a kill, the next container's start, a status) is the planner's decision.
 */
final class PodProbes {

    private final EngineContext ctx;
    private final PodState state;
    private final PodEvents events;
    private final Runnable wake;

    PodProbes(EngineContext ctx, PodState state, PodEvents events, Runnable wake) {
        this.ctx = ctx;
        this.state = state;
        this.events = events;
        this.wake = wake;
    }

    /** Called with the state's lock held, when a container instance starts running. */
    void start(ContainerRecord r, String id) {
        r.stopProbes();
        if (r.spec.getStartupProbe() != null) {
            loop(r, id, ProbeKind.STARTUP, r.spec.getStartupProbe());
        } else {
            livenessAndReadiness(r, id);
        }
    }

    private void livenessAndReadiness(ContainerRecord r, String id) {
        if (r.spec.getLivenessProbe() != null && !state.deleting) {
            loop(r, id, ProbeKind.LIVENESS, r.spec.getLivenessProbe());
        }
        if (r.spec.getReadinessProbe() != null) {
            loop(r, id, ProbeKind.READINESS, r.spec.getReadinessProbe());
        }
    }

    private void loop(ContainerRecord r, String id, ProbeKind kind, Probe probe) {
        var loop = new ProbeLoop(kind, probe, () -> target(r, id), ctx.prober(), ctx.timer(), ctx.io(), !ctx.strictProbeTiming(),
                new ProbeLoop.Listener() {
                    @Override
                    public void verdict(ProbeKind k, boolean success, String message) {
                        verdictFor(r, id, k, success);
                    }

                    @Override
                    public void attemptFailed(ProbeKind k, String message) {
                        events.of(r.name()).warning("Unhealthy", k.title() + " probe failed: " + message);
                    }

                    @Override
                    public void warned(ProbeKind k, String message) {
                        events.of(r.name()).warning("ProbeWarning", k.title() + " probe warning: " + message);
                    }
                });
        r.probes.add(loop);
        loop.start();
    }

    private void verdictFor(ContainerRecord r, String id, ProbeKind kind, boolean success) {
        synchronized (state) {
            if (!id.equals(r.containerId) || !r.state.alive()) {
                return; // a verdict about an instance that is gone
            }
            switch (kind) {
                case STARTUP -> {
                    if (success) {
                        r.started = true;
                        r.ready = r.spec.getReadinessProbe() == null;
                        r.stopProbes();
                        livenessAndReadiness(r, id);
                    } else if (!state.deleting) {
                        r.probeFailure = "startup";
                    }
                }
                case READINESS -> r.ready = success && r.started;
                case LIVENESS -> {
                    if (!success && !state.deleting) {
                        r.probeFailure = "liveness";
                    }
                }
                default -> {
                }
            }
        }
        wake.run(); // a verdict can unblock a plan: the next container's start, a kill, a status
    }

    /** @return where to reach the container's instance */
    ProbeTarget target(ContainerRecord r, String containerId) {
        Map<String, Integer> named = new HashMap<>();
        for (ContainerPort p : Nulls.orEmpty(r.spec.getPorts())) {
            if (p.getName() != null) {
                named.put(p.getName(), p.getContainerPort());
            }
        }
        synchronized (state) {
            return new ProbeTarget(containerId, state.podIP, podIPReachable(), named, Map.copyOf(state.published));
        }
    }

    private boolean podIPReachable() {
        // The kubelet probes the pod IP from the node. Here that works when the engine is this Linux
        // machine; elsewhere (Docker Desktop, a remote engine) probes go through published ports.
        return ctx.docker().isLocal() && System.getProperty("os.name", "").toLowerCase().contains("linux");
    }
}
