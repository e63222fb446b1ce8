package io.pod4j.engine.probe;

import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs one probe of one container instance on the kubelet's schedule (initialDelaySeconds, then
 * every periodSeconds) and turns attempts into verdicts with successThreshold and
 * failureThreshold. Never holds a thread between attempts: the shared timer schedules, the shared
 * pool probes.
 *
 * <p>Eager mode (pod4j's default) probes readiness and startup every 25 ms, backing off by half
 * each time up to 200 ms (or the period, if shorter), until the first success, so Ready arrives as
 * soon as the app answers, even on a loaded machine; after that the exact period applies. The extra
 * attempts are pod4j's, not the kubelet's: only failures on the kubelet's schedule (initialDelaySeconds,
 * then every periodSeconds) count towards failureThreshold and are reported, so a slow start is
 * given exactly the time the probe allows. Strict mode keeps the kubelet's timing throughout.
 */
public final class ProbeLoop {

    /** What the loop reports. */
    public interface Listener {
        /**
         * The verdict changed (or a liveness/startup failure reached its threshold).
         *
         * @param kind which probe
         * @param success the new verdict
         * @param message why it failed, or null
         */
        void verdict(ProbeKind kind, boolean success, String message);

        /**
         * One attempt failed (the kubelet records an Unhealthy event for each).
         *
         * @param kind which probe
         * @param message why
         */
        void attemptFailed(ProbeKind kind, String message);

        /**
         * One attempt passed with a warning (the kubelet records a Warning {@code ProbeWarning} event
         * for each: "Readiness probe warning: " and the message).
         *
         * @param kind which probe
         * @param message the warning, such as "Probe terminated redirects, Response body: ..."
         */
        default void warned(ProbeKind kind, String message) {
        }
    }

    private static final long EAGER_START_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    private static final long EAGER_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final ProbeKind kind;
    private final Probe probe;
    private final Supplier<ProbeTarget> target;
    private final ProbeRunner runner;
    private final ScheduledExecutorService timer;
    private final Executor io;
    private final Listener listener;
    private final boolean eager;
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> next;
    private int successes;
    private int failures;
    private Boolean verdict;
    private boolean everSucceeded;
    private final long periodNanos;
    private long eagerDelay = EAGER_START_NANOS;
    /** When the kubelet's next attempt would be: a failure counts only from then on. */
    private long nextCountedNanos;

    /**
     * @param kind which probe
     * @param probe its definition (defaulted)
     * @param target where the container is, asked at each attempt
     * @param runner runs attempts
     * @param timer schedules attempts
     * @param io runs attempts
     * @param eager probe fast until the first success (readiness and startup only)
     * @param listener hears verdicts
     */
    public ProbeLoop(ProbeKind kind, Probe probe, Supplier<ProbeTarget> target, ProbeRunner runner,
            ScheduledExecutorService timer, Executor io, boolean eager, Listener listener) {
        this.kind = kind;
        this.probe = probe;
        this.target = target;
        this.runner = runner;
        this.timer = timer;
        this.io = io;
        this.eager = eager && kind != ProbeKind.LIVENESS;
        this.periodNanos = TimeUnit.SECONDS.toNanos(probe.getPeriodSeconds() == null ? 10 : probe.getPeriodSeconds());
        this.listener = listener;
    }

    /** Starts probing after initialDelaySeconds. */
    public void start() {
        long delay = TimeUnit.SECONDS.toNanos(probe.getInitialDelaySeconds() == null ? 0 : probe.getInitialDelaySeconds());
        nextCountedNanos = System.nanoTime() + delay;
        schedule(eager ? delay : Math.max(delay, 0));
    }

    /** Stops probing; an attempt under way finishes but reports nothing. */
    public void stop() {
        stopped = true;
        ScheduledFuture<?> n = next;
        if (n != null) {
            n.cancel(false);
        }
    }

    private void schedule(long delayNanos) {
        if (stopped) {
            return;
        }
        try {
            next = probe.getExec() == null
                    ? runner.networkScheduler().schedule(this::attempt, delayNanos, TimeUnit.NANOSECONDS)
                    : timer.schedule(() -> io.execute(this::attempt), delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            stopped = true;
        }
    }

    private void attempt() {
        if (stopped) {
            return;
        }
        ProbeResult result;
        try {
            result = runner.run(probe, target.get());
        } catch (RuntimeException e) {
            result = ProbeResult.failed(e.toString());
        }
        if (stopped) {
            return;
        }
        int successThreshold = probe.getSuccessThreshold() == null ? 1 : probe.getSuccessThreshold();
        int failureThreshold = probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold();
        if (result.success()) {
            if (result.warning() != null) {
                listener.warned(kind, result.warning());
            }
            successes++;
            failures = 0;
            if (successes >= successThreshold && !Boolean.TRUE.equals(verdict)) {
                verdict = true;
                everSucceeded = true;
                listener.verdict(kind, true, null);
            }
        } else {
            successes = 0;
            long now = System.nanoTime();
            // An extra eager attempt's failure is not one the kubelet would have seen: it neither counts nor is reported.
            if (!eager || everSucceeded || now >= nextCountedNanos) {
                nextCountedNanos = now + periodNanos;
                failures++;
                listener.attemptFailed(kind, result.message());
                if (failures >= failureThreshold && !Boolean.FALSE.equals(verdict)) {
                    verdict = false;
                    listener.verdict(kind, false, result.message());
                    if (kind != ProbeKind.READINESS) {
                        return; // the container is killed; its next instance gets a new loop
                    }
                }
            }
        }
        schedule(eager && !everSucceeded ? nextEagerDelay() : periodNanos);
    }

    private long nextEagerDelay() {
        long delay = Math.min(eagerDelay, Math.min(EAGER_MAX_NANOS, periodNanos));
        eagerDelay = eagerDelay + eagerDelay / 2;
        return delay;
    }

    /** @return which probe this loop runs */
    public ProbeKind kind() {
        return kind;
    }

    /** @return the period this loop keeps, for diagnostics */
    public Duration period() {
        return Duration.ofNanos(periodNanos);
    }
}
