package io.pod4j.junit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;

/**
 * When an object of a manifest is ready for tests, decided as {@code kubectl rollout status} and
 * {@code kubectl wait} decide it: a Deployment rolled out and Available, a StatefulSet, DaemonSet
 * or ReplicaSet with all its replicas ready, a Job Complete (a Failed one fails), a Pod Ready, a
 * Service with a ready endpoint. Other kinds are ready once stored. Pure: it reads the objects as
 * the store has them.
 */
final class Readiness {

    /** What an object is: ready, not yet (and why, in kubectl's words), or never going to be. */
    record Verdict(State state, String message) {

        enum State { READY, WAITING, FAILED }

        static Verdict ready(String message) {
            return new Verdict(State.READY, message);
        }

        static Verdict waiting(String message) {
            return new Verdict(State.WAITING, message);
        }

        static Verdict failed(String message) {
            return new Verdict(State.FAILED, message);
        }
    }

    private Readiness() {
    }

    /**
     * @param object an object as the store has it (with its status), or null when it is gone
     * @param slices for a Service, its EndpointSlices; ignored otherwise
     * @return whether tests may begin as far as this object goes
     */
    static Verdict of(HasMetadata object, List<EndpointSlice> slices) {
        if (object == null) {
            return Verdict.failed("it no longer exists");
        }
        if (object instanceof Deployment d) {
            return deployment(d);
        }
        if (object instanceof StatefulSet s) {
            return statefulSet(s);
        }
        if (object instanceof DaemonSet d) {
            return daemonSet(d);
        }
        if (object instanceof ReplicaSet r) {
            return replicaSet(r);
        }
        if (object instanceof Job j) {
            return job(j);
        }
        if (object instanceof Pod p) {
            return pod(p);
        }
        if (object instanceof Service s) {
            return service(s, slices);
        }
        return Verdict.ready("stored");
    }

    /** As kubectl's rollout status for Deployments, and its wait for condition Available. */
    static Verdict deployment(Deployment d) {
        String name = "deployment \"" + d.getMetadata().getName() + "\"";
        var s = d.getStatus();
        if (s == null || !observed(d.getMetadata().getGeneration(), s.getObservedGeneration())) {
            return Verdict.waiting("Waiting for deployment spec update to be observed...");
        }
        var progressing = s.getConditions().stream().filter(c -> "Progressing".equals(c.getType())).findFirst();
        if (progressing.isPresent() && "ProgressDeadlineExceeded".equals(progressing.get().getReason())) {
            return Verdict.failed(name + " exceeded its progress deadline");
        }
        int replicas = orZero(d.getSpec().getReplicas());
        int updated = orZero(s.getUpdatedReplicas());
        if (updated < replicas) {
            return Verdict.waiting("Waiting for " + name + " rollout to finish: " + updated + " out of " + replicas
                    + " new replicas have been updated...");
        }
        if (orZero(s.getReplicas()) > updated) {
            return Verdict.waiting("Waiting for " + name + " rollout to finish: " + (orZero(s.getReplicas()) - updated)
                    + " old replicas are pending termination...");
        }
        if (orZero(s.getAvailableReplicas()) < updated) {
            return Verdict.waiting("Waiting for " + name + " rollout to finish: " + orZero(s.getAvailableReplicas()) + " of "
                    + updated + " updated replicas are available...");
        }
        boolean available = s.getConditions().stream().anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()));
        if (!available) {
            return Verdict.waiting("Waiting for " + name + " to be Available...");
        }
        return Verdict.ready(name + " successfully rolled out");
    }

    /** As kubectl's rollout status for StatefulSets (any update strategy: here it is the start that counts). */
    static Verdict statefulSet(StatefulSet sts) {
        var s = sts.getStatus();
        if (s == null || orZero(s.getObservedGeneration()) == 0
                || !observed(sts.getMetadata().getGeneration(), s.getObservedGeneration())) {
            return Verdict.waiting("Waiting for statefulset spec update to be observed...");
        }
        int replicas = orZero(sts.getSpec().getReplicas());
        if (orZero(s.getReadyReplicas()) < replicas) {
            return Verdict.waiting("Waiting for " + (replicas - orZero(s.getReadyReplicas())) + " pods to be ready...");
        }
        if (s.getUpdateRevision() != null && s.getCurrentRevision() != null && !s.getUpdateRevision().equals(s.getCurrentRevision())
                && !partitioned(sts)) {
            return Verdict.waiting("waiting for statefulset rolling update to complete " + orZero(s.getUpdatedReplicas())
                    + " pods at revision " + s.getUpdateRevision() + "...");
        }
        return Verdict.ready("statefulset rolling update complete " + orZero(s.getReadyReplicas()) + " pods at revision "
                + s.getCurrentRevision() + "...");
    }

    private static boolean partitioned(StatefulSet sts) {
        var strategy = sts.getSpec().getUpdateStrategy();
        return strategy != null && strategy.getRollingUpdate() != null && orZero(strategy.getRollingUpdate().getPartition()) > 0;
    }

    /** As kubectl's rollout status for DaemonSets. */
    static Verdict daemonSet(DaemonSet d) {
        String name = "daemon set \"" + d.getMetadata().getName() + "\"";
        var s = d.getStatus();
        if (s == null || orZero(s.getObservedGeneration()) == 0
                || !observed(d.getMetadata().getGeneration(), s.getObservedGeneration())) {
            return Verdict.waiting("Waiting for daemon set spec update to be observed...");
        }
        int desired = orZero(s.getDesiredNumberScheduled());
        if (orZero(s.getUpdatedNumberScheduled()) < desired) {
            return Verdict.waiting("Waiting for " + name + " rollout to finish: " + orZero(s.getUpdatedNumberScheduled()) + " out of "
                    + desired + " new pods have been updated...");
        }
        if (orZero(s.getNumberAvailable()) < desired) {
            return Verdict.waiting("Waiting for " + name + " rollout to finish: " + orZero(s.getNumberAvailable()) + " of " + desired
                    + " updated pods are available...");
        }
        return Verdict.ready(name + " successfully rolled out");
    }

    /** All replicas there and available, none left over. */
    static Verdict replicaSet(ReplicaSet r) {
        var s = r.getStatus();
        if (s == null || !observed(r.getMetadata().getGeneration(), s.getObservedGeneration())) {
            return Verdict.waiting("Waiting for replica set spec update to be observed...");
        }
        int replicas = orZero(r.getSpec().getReplicas());
        if (orZero(s.getAvailableReplicas()) < replicas || orZero(s.getReplicas()) != replicas) {
            return Verdict.waiting(orZero(s.getAvailableReplicas()) + " of " + replicas + " replicas are available ("
                    + orZero(s.getReplicas()) + " current)...");
        }
        return Verdict.ready(replicas + " of " + replicas + " replicas are available");
    }

    /** As {@code kubectl wait --for=condition=Complete}; a Failed Job never will be. A suspended one is not waited for. */
    static Verdict job(Job j) {
        var s = j.getStatus();
        var conditions = s == null ? List.<io.fabric8.kubernetes.api.model.batch.v1.JobCondition>of() : s.getConditions();
        for (var c : conditions) {
            if ("Failed".equals(c.getType()) && "True".equals(c.getStatus())) {
                return Verdict.failed("job \"" + j.getMetadata().getName() + "\" failed: " + c.getReason() + ": " + c.getMessage());
            }
        }
        for (var c : conditions) {
            if ("Complete".equals(c.getType()) && "True".equals(c.getStatus())) {
                return Verdict.ready("job \"" + j.getMetadata().getName() + "\" complete");
            }
        }
        if (Boolean.TRUE.equals(j.getSpec().getSuspend())) {
            return Verdict.ready("job \"" + j.getMetadata().getName() + "\" is suspended: not waited for");
        }
        return Verdict.waiting("Waiting for job \"" + j.getMetadata().getName() + "\" to complete: "
                + (s == null ? 0 : orZero(s.getSucceeded())) + " of " + (j.getSpec().getCompletions() == null ? 1 : j.getSpec().getCompletions())
                + " succeeded, " + (s == null ? 0 : orZero(s.getActive())) + " active, " + (s == null ? 0 : orZero(s.getFailed())) + " failed...");
    }

    /** Ready, or Succeeded (a pod that runs to completion); Failed never will be. */
    static Verdict pod(Pod p) {
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        if ("Failed".equals(phase)) {
            return Verdict.failed("pod \"" + p.getMetadata().getName() + "\" failed: it will never be Ready");
        }
        boolean ready = p.getStatus() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        if (ready || "Succeeded".equals(phase)) {
            return Verdict.ready("pod \"" + p.getMetadata().getName() + "\" is " + (ready ? "Ready" : "Succeeded"));
        }
        return Verdict.waiting("Waiting for pod \"" + p.getMetadata().getName() + "\" to be Ready (" + phase + ")...");
    }

    /**
     * A Service that selects pods needs a ready endpoint (any endpoint when it publishes not-ready
     * addresses); one without selector, or of type ExternalName, has nothing to wait for.
     */
    static Verdict service(Service s, List<EndpointSlice> slices) {
        String name = "service \"" + s.getMetadata().getName() + "\"";
        if ("ExternalName".equals(s.getSpec().getType()) || s.getSpec().getSelector() == null || s.getSpec().getSelector().isEmpty()) {
            return Verdict.ready(name + " selects no pods: nothing to wait for");
        }
        boolean anyAddress = Boolean.TRUE.equals(s.getSpec().getPublishNotReadyAddresses());
        long ready = slices.stream().flatMap(e -> e.getEndpoints().stream())
                .filter(e -> anyAddress || e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()))
                .count();
        if (ready == 0) {
            long all = slices.stream().mapToLong(e -> e.getEndpoints().size()).sum();
            return Verdict.waiting("Waiting for " + name + " to have a ready endpoint (" + all + " endpoints, none ready)...");
        }
        return Verdict.ready(name + " has " + ready + " ready endpoint" + (ready == 1 ? "" : "s"));
    }

    private static boolean observed(Long generation, Long observedGeneration) {
        return observedGeneration != null && (generation == null || observedGeneration >= generation);
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    private static long orZero(Long l) {
        return l == null ? 0 : l;
    }
}
