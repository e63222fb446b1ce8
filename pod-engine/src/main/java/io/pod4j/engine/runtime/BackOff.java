package io.pod4j.engine.runtime;

import java.time.Duration;

/**
 * The kubelet's back-off for one container's restarts or image pulls (client-go flowcontrol): the
 * first retry is immediate, then the wait starts at the base and doubles up to the cap; a container
 * that ran for twice the cap without trouble starts over. Times are monotonic nanoseconds. A value:
 * each step returns the back-off after it.
 *
 * @param baseNanos the first wait
 * @param capNanos the longest wait
 * @param delayNanos the wait after the next failure, 0 before the first retry
 * @param lastNanos when the last retry was recorded, or {@link Long#MIN_VALUE}
 */
record BackOff(long baseNanos, long capNanos, long delayNanos, long lastNanos) {

    BackOff(Duration base, Duration cap) {
        this(base.toNanos(), cap.toNanos(), 0, Long.MIN_VALUE);
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
     * @return the back-off after it
     */
    BackOff next(long nowNanos) {
        long delay = lastNanos != Long.MIN_VALUE && nowNanos - lastNanos > 2 * capNanos ? 0 : delayNanos;
        return new BackOff(baseNanos, capNanos, delay == 0 ? baseNanos : Math.min(capNanos, delay * 2), nowNanos);
    }

    /** @return the back-off with every failure forgotten, as after a container ran well for long enough */
    BackOff reset() {
        return new BackOff(baseNanos, capNanos, 0, lastNanos);
    }

    /** @return the wait that applies after the next failure, for messages such as "back-off 20s" */
    Duration current() {
        return Duration.ofNanos(delayNanos == 0 ? baseNanos : delayNanos);
    }
}
