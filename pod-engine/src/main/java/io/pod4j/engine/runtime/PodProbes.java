package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Probe;
import io.pod4j.engine.probe.ProbeKind;
import io.pod4j.engine.probe.ProbeLoop;
import io.pod4j.engine.probe.ProbeTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    /** By container name: the probe loops of its current instance. Guarded by the state's lock. */
    private final Map<String, List<ProbeLoop>> loops = new HashMap<>();

    PodProbes(EngineContext ctx, PodState state, PodEvents events, Runnable wake) {
        this.ctx = ctx;
        this.state = state;
        this.events = events;
        this.wake = wake;
    }

    /** Called with the state's lock held, when a container instance starts running. */
    void start(ContainerRecord r, String id) {
        stop(r.name());
        if (r.spec().getStartupProbe() != null) {
            loop(r.spec(), id, ProbeKind.STARTUP, r.spec().getStartupProbe());
        } else {
            livenessAndReadiness(r.spec(), id);
        }
    }

    /** Stops the probes of the container's instance (it ended, or is killed to be restarted). Caller holds the state's lock. */
    void stop(String container) {
        List<ProbeLoop> stopped = loops.remove(container);
        if (stopped != null) {
            stopped.forEach(ProbeLoop::stop);
        }
    }

    /** Stops every probe (the pod is removed). */
    void stopAll() {
        synchronized (state) {
            loops.values().forEach(l -> l.forEach(ProbeLoop::stop));
            loops.clear();
        }
    }

    /** Stops the probes a terminating pod no longer runs: liveness and startup; readiness goes on. Caller holds the state's lock. */
    void stopForTermination() {
        for (List<ProbeLoop> l : loops.values()) {
            l.removeIf(p -> {
                if (p.kind() != ProbeKind.READINESS) {
                    p.stop();
                    return true;
                }
                return false;
            });
        }
    }

    private void livenessAndReadiness(Container spec, String id) {
        if (spec.getLivenessProbe() != null && !state.deleting) {
            loop(spec, id, ProbeKind.LIVENESS, spec.getLivenessProbe());
        }
        if (spec.getReadinessProbe() != null) {
            loop(spec, id, ProbeKind.READINESS, spec.getReadinessProbe());
        }
    }

    private void loop(Container spec, String id, ProbeKind kind, Probe probe) {
        String name = spec.getName();
        var loop = new ProbeLoop(kind, probe, () -> target(spec, id), ctx.prober(), ctx.timer(), ctx.io(), !ctx.strictProbeTiming(),
                new ProbeLoop.Listener() {
                    @Override
                    public void verdict(ProbeKind k, boolean success, String message) {
                        verdictFor(spec, id, k, success);
                    }

                    @Override
                    public void attemptFailed(ProbeKind k, String message) {
                        events.of(name).warning("Unhealthy", k.title() + " probe failed: " + message);
                    }

                    @Override
                    public void warned(ProbeKind k, String message) {
                        events.of(name).warning("ProbeWarning", k.title() + " probe warning: " + message);
                    }
                });
        loops.computeIfAbsent(name, n -> new ArrayList<>()).add(loop);
        loop.start();
    }

    private void verdictFor(Container spec, String id, ProbeKind kind, boolean success) {
        String name = spec.getName();
        synchronized (state) {
            ContainerRecord r = state.record(name);
            if (!id.equals(r.containerId()) || !r.state().alive()) {
                return; // a verdict about an instance that is gone
            }
            switch (kind) {
                case STARTUP -> {
                    if (success) {
                        state.update(name, c -> {
                            c.started = true;
                            c.ready = r.spec().getReadinessProbe() == null;
                        });
                        stop(name);
                        livenessAndReadiness(r.spec(), id);
                    } else if (!state.deleting) {
                        state.update(name, c -> c.probeFailure = "startup");
                    }
                }
                case READINESS -> state.update(name, c -> c.ready = success && r.started());
                case LIVENESS -> {
                    if (!success && !state.deleting) {
                        state.update(name, c -> c.probeFailure = "liveness");
                    }
                }
                default -> {
                }
            }
        }
        wake.run(); // a verdict can unblock a plan: the next container's start, a kill, a status
    }

    /** @return where to reach the container's instance */
    ProbeTarget target(Container spec, String containerId) {
        Map<String, Integer> named = new HashMap<>();
        for (ContainerPort p : Nulls.orEmpty(spec.getPorts())) {
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
