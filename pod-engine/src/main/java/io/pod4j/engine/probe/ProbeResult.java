package io.pod4j.engine.probe;

/**
 * The outcome of one probe attempt.
 *
 * @param success true when the probe passed
 * @param message why it failed, in the kubelet's words (for the Unhealthy event); null on success
 * @param warning what a passing attempt warns about, in the kubelet's words (for the ProbeWarning
 *     event: an HTTP redirect not followed); null otherwise
 */
public record ProbeResult(boolean success, String message, String warning) {

    /** @return a passing result */
    public static ProbeResult ok() {
        return new ProbeResult(true, null, null);
    }

    /**
     * @param warning what the attempt warns about
     * @return a passing result with a warning
     */
    public static ProbeResult warned(String warning) {
        return new ProbeResult(true, null, warning);
    }

    /**
     * @param message why it failed
     * @return a failing result
     */
    public static ProbeResult failed(String message) {
        return new ProbeResult(false, message, null);
    }
}
