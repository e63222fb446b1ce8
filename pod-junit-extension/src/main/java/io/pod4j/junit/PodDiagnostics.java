package io.pod4j.junit;

/**
 * Attached to a failed test (as a suppressed exception) so that the report carries what a person
 * would run kubectl for: the pod's phase, conditions, container states, events and log tails.
 */
public final class PodDiagnostics extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param report the pod's diagnosis
     */
    public PodDiagnostics(String report) {
        super(report, null, false, false);
    }
}
