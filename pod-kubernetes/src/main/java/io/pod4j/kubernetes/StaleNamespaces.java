package io.pod4j.kubernetes;

import io.pod4j.engine.reaper.Owner;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether an engine's namespace on a cluster was left by an engine that died without closing it
 * (a killed JVM): its owner process is known dead on this machine, or its heartbeat stopped three
 * beats (and at least 30 s) ago; never a detached engine's. Pure: the caller reads the annotations and the clock.
 */
final class StaleNamespaces {

    /** The owner process: host/pid/start, as the local reaper's owner label. */
    static final String OWNER = "io.pod4j.owner";
    /** When the owner last wrote it, RFC 3339. */
    static final String HEARTBEAT = "io.pod4j.heartbeat";
    /** How often the owner writes its heartbeat, in seconds. */
    static final String HEARTBEAT_SECONDS = "io.pod4j.heartbeat-seconds";
    /** Set by an engine built detached when it closes: its namespaces stay until someone deletes them. */
    static final String DETACHED = "io.pod4j.detached";
    /** Beats missed before the owner is taken for dead. */
    static final int MISSED_BEATS = 3;
    /**
     * Never sooner: a loaded machine (a long GC pause, a CI runner at load 20) delays beats by
     * seconds, and deleting a live engine's namespace fails its tests.
     */
    static final long FLOOR_SECONDS = 30;

    private StaleNamespaces() {
    }

    /**
     * @param annotations the namespace's annotations
     * @param now the time now
     * @param dead tells an owner known dead (a process of this machine that is gone)
     * @return why the namespace is stale, or empty when its owner may still be alive
     */
    static Optional<String> why(Map<String, String> annotations, Instant now, Predicate<Owner> dead) {
        Map<String, String> a = annotations == null ? Map.of() : annotations;
        if ("true".equals(a.get(DETACHED))) {
            return Optional.empty();
        }
        Optional<Owner> owner = Owner.parse(a.get(OWNER));
        if (owner.isPresent() && dead.test(owner.get())) {
            return Optional.of("its owner, process " + owner.get().pid() + " of " + owner.get().host() + ", is dead");
        }
        Instant beat;
        long seconds;
        try {
            beat = Instant.parse(a.getOrDefault(HEARTBEAT, ""));
            seconds = Long.parseLong(a.getOrDefault(HEARTBEAT_SECONDS, ""));
        } catch (DateTimeParseException | NumberFormatException unknown) {
            return Optional.empty(); // not written by an engine: not ours to judge
        }
        Duration age = Duration.between(beat, now);
        if (age.compareTo(Duration.ofSeconds(Math.max(seconds * MISSED_BEATS, FLOOR_SECONDS))) > 0) {
            return Optional.of("its heartbeat is " + age.toSeconds() + " s old (written every " + seconds + " s)");
        }
        return Optional.empty();
    }
}
