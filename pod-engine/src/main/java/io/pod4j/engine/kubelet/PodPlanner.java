package io.pod4j.engine.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.engine.kubelet.ContainerView.State;
import io.pod4j.engine.kubelet.PodActions.Kill;
import io.pod4j.engine.kubelet.PodActions.Waiting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides a pod's next steps from its spec and what the worker knows of it, as the kubelet's
 * {@code computePodActions} does. A pure function: no Docker, no locks, no clock but the one given.
 *
 * <p>The order of the questions is the kubelet's: a deleted pod is stopped (app containers first,
 * then sidecars in reverse order, each after the later ones exited) and removed; a pod past its
 * active deadline, or whose init container failed under {@code Never}, is stopped the same way
 * and stays failed; a pod without a running sandbox gets one (not a restartPolicy {@code Never}
 * pod whose containers already ran); then probe kills and changed definitions; then init
 * containers one at a time (again in a new sandbox) (a sidecar lets the next one go once it has started), app containers,
 * and the restart policy with the crash back-off. Once every app container is done for good,
 * the sidecars are stopped, and only then is the pod over. Ephemeral containers (kubectl debug's)
 * start once the sandbox runs, initialized or not, are never restarted, and stop with the app
 * containers.
 */
public final class PodPlanner {

    /** How long ErrImagePull shows before ImagePullBackOff, as on a node between two syncs. */
    static final long ERR_IMAGE_PULL_SHOWN_NANOS = 1_000_000_000L;
    /** How much sooner a new grace period must end to shorten a kill under way. */
    static final long SHORTER_GRACE_NANOS = 1_000_000_000L;
    /** The kubelet's message for a pod past its deadline. */
    public static final String DEADLINE_MESSAGE = "Pod was active on the node longer than the specified deadline";

    private final Pod pod;
    private final PodView view;
    private final long now;
    private final String policy;
    private final Map<String, Container> specs = new HashMap<>();
    private final List<String> start = new ArrayList<>();
    private final List<Kill> kill = new ArrayList<>();
    private final Map<String, Waiting> waiting = new HashMap<>();
    private boolean createSandbox;
    private boolean removePod;
    private PodActions.Failure fail;
    private long wake = Long.MAX_VALUE;

    private PodPlanner(Pod pod, PodView view, long now) {
        this.pod = pod;
        this.view = view;
        this.now = now;
        String p = pod.getSpec().getRestartPolicy();
        this.policy = p == null ? "Always" : p;
        for (Container c : orEmpty(pod.getSpec().getInitContainers())) {
            specs.put(c.getName(), c);
        }
        for (Container c : orEmpty(pod.getSpec().getContainers())) {
            specs.put(c.getName(), c);
        }
        for (var e : EphemeralContainers.of(pod)) {
            specs.put(e.getName(), EphemeralContainers.asContainer(e));
        }
    }

    /**
     * @param pod the pod as stored now (its spec may have changed since the containers started)
     * @param view what the worker knows of it
     * @param nowNanos the monotonic clock now
     * @return the next steps
     */
    public static PodActions plan(Pod pod, PodView view, long nowNanos) {
        PodPlanner p = new PodPlanner(pod, view, nowNanos);
        p.decide();
        return new PodActions(p.createSandbox, p.removePod, p.start, p.kill, p.fail, p.waiting, p.wake);
    }

    /**
     * @param pod a pod
     * @param name one of its init containers
     * @return true when it is a sidecar (an init container with {@code restartPolicy: Always})
     */
    public static boolean isSidecar(Pod pod, String name) {
        return orEmpty(pod.getSpec().getInitContainers()).stream()
                .anyMatch(c -> c.getName().equals(name) && "Always".equals(c.getRestartPolicy()));
    }

    private void decide() {
        if (view.deleting()) {
            if (view.graceZero()) {
                // Removing the containers kills them; only starts under way are waited for, so none outlives the pod.
                removePod = all().stream().noneMatch(c -> c.state() == State.STARTING);
            } else if (stopInOrder(Duration.ofNanos(Math.max(0, view.graceDeadlineNanos() - now)), "Stopping container ")) {
                removePod = true;
            }
            return;
        }
        if (view.unreachable() != null && stateUnknown(view)) {
            return; // nothing can be done or known until Docker answers; its answer wakes the worker
        }
        if (view.failedReason() == null) {
            deadline();
        }
        if (view.failedReason() != null || fail != null) {
            stopInOrder(podGrace(), "Stopping container ");
            return;
        }
        if (view.sandbox() != PodView.Sandbox.READY) {
            sandbox();
            return;
        }
        probeKillsAndChanges();
        if (apps().stream().allMatch(this::doneForGood) && !apps().isEmpty()) {
            stopInOrder(podGrace(), "Stopping container "); // only sidecars are left
            return;
        }
        if ("Never".equals(policy) && inits().stream().anyMatch(c -> !sidecar(c) && c.state() == State.EXITED && !c.succeeded())) {
            stopInOrder(podGrace(), "Stopping container "); // the pod failed: its sidecars stop, never restart
            return;
        }
        for (ContainerView c : view.ephemerals()) {
            if (c.state() == State.NEW) {
                tryStart(c); // may start before the pod is initialized; once it ran, it stays as it ended
            }
        }
        // Once app containers ran in this sandbox, the init containers are done; in a new sandbox they run again.
        boolean initialized = apps().stream().anyMatch(c -> c.state() != State.NEW && c.sandbox() == view.sandboxAttempt());
        if (!initialized && !initContainers()) {
            return;
        }
        for (ContainerView c : inits()) {
            if (sidecar(c) && (c.state() == State.NEW || c.state() == State.EXITED)) {
                tryStart(c);
            }
        }
        for (ContainerView c : apps()) {
            if (c.state() == State.NEW) {
                tryStart(c);
            } else if (c.state() == State.EXITED && (c.restartAfterKill() || restartable(c))) {
                tryStart(c);
            }
        }
    }

    /** @return true when every init container is done (sidecars started); else starts the next one */
    private boolean initContainers() {
        for (ContainerView c : inits()) {
            if (sidecar(c)) {
                if (c.state() == State.NEW || c.state() == State.EXITED) {
                    tryStart(c);
                    return false;
                }
                if (c.state() == State.STARTING || !c.started()) {
                    return false; // the next one waits until this sidecar has started
                }
                continue;
            }
            if (c.succeeded() && c.sandbox() == view.sandboxAttempt()) {
                continue;
            }
            if (c.state() == State.NEW || c.state() == State.EXITED) {
                tryStart(c); // under Never a failed one never gets here
            }
            return false;
        }
        return true;
    }

    private void sandbox() {
        if (view.sandbox() == PodView.Sandbox.DEAD) {
            // The sandbox died: what still runs in its namespaces is killed before a new one is made.
            if (!stopInOrder(Duration.ZERO, "Stopping container ")) {
                return;
            }
        } else if (all().stream().anyMatch(c -> c.state() != State.NEW && c.state() != State.EXITED)) {
            return;
        }
        if ("Never".equals(policy) && all().stream().anyMatch(ContainerView::everRan)) {
            return; // as the kubelet: no new sandbox for a pod that must not restart; its containers' ends decide
        }
        if (view.sandboxRetryAtNanos() > now) {
            wakeAt(view.sandboxRetryAtNanos());
            return;
        }
        createSandbox = true;
    }

    /**
     * @param view what the worker knows, Docker having not answered
     * @return true when Docker's silence hides what the pod runs: it has a sandbox, it ran once (a
     *     daemon going down kills what ran, and only Docker can say what it left), or a container may
     *     run. A pod that never got a sandbox is known to run nothing; its sandbox is retried after
     *     its back-off, as the kubelet retries a failed sync.
     */
    static boolean stateUnknown(PodView view) {
        return view.sandbox() != PodView.Sandbox.NONE || view.startNanos() != null
                || java.util.stream.Stream.of(view.inits(), view.apps(), view.ephemerals()).flatMap(List::stream)
                        .anyMatch(c -> c.state() != State.NEW && c.state() != State.EXITED);
    }

    private void deadline() {
        Long seconds = pod.getSpec().getActiveDeadlineSeconds();
        if (seconds == null || view.startNanos() == null) {
            return;
        }
        long at = view.startNanos() + Duration.ofSeconds(seconds).toNanos();
        if (now >= at) {
            fail = new PodActions.Failure("DeadlineExceeded", DEADLINE_MESSAGE);
        } else {
            wakeAt(at);
        }
    }

    private void probeKillsAndChanges() {
        for (ContainerView c : all()) {
            if (c.state() != State.RUNNING) {
                continue;
            }
            Container spec = specs.get(c.name());
            if (c.probeFailure() != null) {
                boolean restarts = sidecar(c) || !"Never".equals(policy);
                var probe = "startup".equals(c.probeFailure()) ? spec.getStartupProbe() : spec.getLivenessProbe();
                Long probeGrace = probe == null ? null : probe.getTerminationGracePeriodSeconds();
                kill.add(new Kill(c.name(), "Container " + c.name() + " failed " + c.probeFailure() + " probe"
                        + (restarts ? ", will be restarted" : ""), probeGrace != null ? Duration.ofSeconds(probeGrace) : podGrace(), false));
            } else if (c.image() != null && spec != null && !c.image().equals(spec.getImage())) {
                kill.add(new Kill(c.name(), "Container " + c.name() + " definition changed, will be restarted", podGrace(), true));
            }
        }
    }

    /**
     * Stops what runs: app containers and init containers at once, then the sidecars from the last
     * to the first, each once the later ones have exited.
     *
     * @return true when nothing runs or starts any more
     */
    private boolean stopInOrder(Duration grace, String message) {
        boolean busy = false;
        List<ContainerView> regular = new ArrayList<>(apps());
        inits().stream().filter(c -> !sidecar(c)).forEach(regular::add);
        regular.addAll(view.ephemerals());
        for (ContainerView c : regular) {
            busy |= stop(c, grace, message);
        }
        if (busy) {
            return false;
        }
        List<ContainerView> inits = inits();
        for (int i = inits.size() - 1; i >= 0; i--) {
            if (sidecar(inits.get(i)) && stop(inits.get(i), grace, message)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Kills a running container; one already being killed is killed again when this grace ends
     * sooner (a second delete with a shorter grace period, as the kubelet's pod worker honours):
     * a second sooner at least, Docker counting the stop timeout in whole seconds.
     *
     * @return true while the container still runs or starts
     */
    private boolean stop(ContainerView c, Duration grace, String message) {
        if (c.state() == State.RUNNING
                || c.state() == State.STOPPING && now + grace.toNanos() <= c.stopDeadlineNanos() - SHORTER_GRACE_NANOS) {
            kill.add(new Kill(c.name(), message + c.name(), grace, false));
        }
        return c.state() == State.RUNNING || c.state() == State.STOPPING || c.state() == State.STARTING;
    }

    private void tryStart(ContainerView c) {
        ContainerView.StartError e = c.startError();
        if (e != null && e.retryAtNanos() > now) {
            boolean pull = "ErrImagePull".equals(e.reason());
            if (pull && now - e.failedAtNanos() >= ERR_IMAGE_PULL_SHOWN_NANOS) {
                waiting.put(c.name(), new Waiting("ImagePullBackOff", "Back-off pulling image \"" + specs.get(c.name()).getImage() + "\""));
            } else {
                waiting.put(c.name(), new Waiting(e.reason(), e.message()));
            }
            wakeAt(pull && now - e.failedAtNanos() < ERR_IMAGE_PULL_SHOWN_NANOS
                    ? Math.min(e.retryAtNanos(), e.failedAtNanos() + ERR_IMAGE_PULL_SHOWN_NANOS) : e.retryAtNanos());
            return;
        }
        if (c.state() == State.EXITED && !c.restartAfterKill() && c.backOffUntilNanos() > now) {
            var meta = pod.getMetadata();
            waiting.put(c.name(), new Waiting("CrashLoopBackOff", "back-off " + seconds(c.backOff()) + " restarting failed container="
                    + c.name() + " pod=" + meta.getName() + "_" + meta.getNamespace() + "(" + meta.getUid() + ")"));
            wakeAt(c.backOffUntilNanos());
            return;
        }
        start.add(c.name());
    }

    /** @return true when the app container ended and its restart policy does not start it again */
    private boolean doneForGood(ContainerView c) {
        return c.state() == State.EXITED && !c.restartAfterKill() && !restartable(c);
    }

    private boolean restartable(ContainerView c) {
        if (sidecar(c)) {
            return true;
        }
        return switch (policy) {
            case "Never" -> false;
            case "OnFailure" -> !c.succeeded();
            default -> true;
        };
    }

    private boolean sidecar(ContainerView c) {
        Container spec = specs.get(c.name());
        return spec != null && "Always".equals(spec.getRestartPolicy()) && view.inits().contains(c);
    }

    private Duration podGrace() {
        Long g = pod.getSpec().getTerminationGracePeriodSeconds();
        return Duration.ofSeconds(g == null ? 30 : g);
    }

    private void wakeAt(long nanos) {
        wake = Math.min(wake, nanos);
    }

    private List<ContainerView> inits() {
        return view.inits();
    }

    private List<ContainerView> apps() {
        return view.apps();
    }

    private List<ContainerView> all() {
        List<ContainerView> all = new ArrayList<>(view.inits());
        all.addAll(view.apps());
        all.addAll(view.ephemerals());
        return all;
    }

    /** @return a back-off as the kubelet prints it: {@code 10s}, {@code 5m0s} */
    static String seconds(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        return s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
