package io.pod4j.engine.runtime;

import java.time.Duration;

/**
 * The kubelet's back-off for one container's restarts or image pulls (client-go flowcontrol): the
 * first retry is immediate, then the wait starts at the base and doubles up to the cap; a container
 * that ran for twice the cap without trouble starts over. Times are monotonic nanoseconds.
 */
final class BackOff {

    private final long baseNanos;
    private final long capNanos;
    private long delayNanos;
    private long lastNanos = Long.MIN_VALUE;

    BackOff(Duration base, Duration cap) {
        this.baseNanos = base.toNanos();
        this.capNanos = cap.toNanos();
    }

    /**
     * @param sinceNanos when the failure happened
     * @return until when a retry must wait, or {@link Long#MIN_VALUE} when it may go at once
     */
    long until(long sinceNanos) {
        return delayNanos == 0 ? Long.MIN_VALUE : sinceNanos + delayNanos;
    }

    /**
     * Records a retry: the next failure waits longer.
     *
     * @param nowNanos now
     */
    void next(long nowNanos) {
        if (lastNanos != Long.MIN_VALUE && nowNanos - lastNanos > 2 * capNanos) {
            delayNanos = 0;
        }
        delayNanos = delayNanos == 0 ? baseNanos : Math.min(capNanos, delayNanos * 2);
        lastNanos = nowNanos;
    }

    /** Forgets all failures, as after a container ran well for long enough. */
    void reset() {
        delayNanos = 0;
    }

    /** @return the wait that applies after the next failure, for messages such as "back-off 20s" */
    Duration current() {
        return Duration.ofNanos(delayNanos == 0 ? baseNanos : delayNanos);
    }
}
