package io.pod4j.engine.probe;

/**
 * The outcome of one probe attempt.
 *
 * @param success true when the probe passed
 * @param message why it failed, in the kubelet's words (for the Unhealthy event); null on success
 */
public record ProbeResult(boolean success, String message) {

    /** @return a passing result */
    public static ProbeResult ok() {
        return new ProbeResult(true, null);
    }

    /**
     * @param message why it failed
     * @return a failing result
     */
    public static ProbeResult failed(String message) {
        return new ProbeResult(false, message);
    }
}
