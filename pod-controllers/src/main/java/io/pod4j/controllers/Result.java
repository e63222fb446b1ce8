package io.pod4j.controllers;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a reconcile asks of its work queue after it returns: nothing more (the next change of a
 * watched object brings the key back), or another look after a delay, for what no change
 * announces (a pod available after {@code minReadySeconds}, a deadline, a TTL).
 *
 * @param requeueAfter when to look again; empty for not until something changes
 */
public record Result(Optional<Duration> requeueAfter) {

    private static final Result DONE = new Result(Optional.empty());

    public Result {
        Objects.requireNonNull(requeueAfter, "requeueAfter");
    }

    /** @return nothing more to do until a watched object changes */
    public static Result done() {
        return DONE;
    }

    /** @return look again after the delay (also when nothing changes) */
    public static Result after(Duration delay) {
        return new Result(Optional.of(delay.isNegative() ? Duration.ZERO : delay));
    }

    /** @return the sooner of the two requests: a look that either asks for */
    public Result soonest(Result other) {
        if (requeueAfter.isEmpty()) {
            return other;
        }
        if (other.requeueAfter.isEmpty()) {
            return this;
        }
        return requeueAfter.get().compareTo(other.requeueAfter.get()) <= 0 ? this : other;
    }
}
