package io.pod4j.engine.probe;

import java.net.URI;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the kubelet's HTTP prober makes of one response (pkg/probe/http/http.go, with Go's client
 * redirect rules): a redirect to the same host is followed, up to 10 requests in all; a redirect
 * to another host is not followed and passes with a warning, as does any other 3xx answer; 2xx
 * passes; anything else fails.
 */
final class HttpProbeStep {

    /** Requests the kubelet's client makes at most, the first one included. */
    static final int MAX_REQUESTS = 10;

    /** Status codes Go's client follows (when the answer names a Location). */
    private static final Set<Integer> FOLLOWED = Set.of(301, 302, 303, 307, 308);

    /** The next step: follow a redirect, or the attempt's result. */
    sealed interface Step permits Follow, Done {
    }

    /** @param next where to send the next request */
    record Follow(URI next) implements Step {
    }

    /** @param result the attempt's outcome */
    record Done(ProbeResult result) implements Step {
    }

    private HttpProbeStep() {
    }

    /**
     * @param first the probe's own URL
     * @param current the URL that answered
     * @param requests how many requests were made so far, this one included
     * @param status the answer's status code
     * @param location its Location header, or null
     * @param body its body (at most 10 KiB), read only when a warning needs it
     * @return what to do next
     */
    static Step after(URI first, URI current, int requests, int status, String location, Supplier<String> body) {
        if (FOLLOWED.contains(status) && location != null && !location.isEmpty()) {
            URI next;
            try {
                next = current.resolve(location.replace(" ", "%20"));
            } catch (IllegalArgumentException e) {
                return new Done(ProbeResult.failed("Get \"" + current + "\": failed to parse Location header \"" + location
                        + "\": " + e.getMessage()));
            }
            if (next.getHost() == null || !next.getHost().equals(first.getHost())) {
                return new Done(terminated(body));
            }
            if (requests >= MAX_REQUESTS) {
                return new Done(ProbeResult.failed("Get \"" + location + "\": stopped after " + MAX_REQUESTS + " redirects"));
            }
            return new Follow(next);
        }
        if (status >= 300 && status < 400) {
            return new Done(terminated(body));
        }
        if (status >= 200 && status < 300) {
            return new Done(ProbeResult.ok());
        }
        return new Done(ProbeResult.failed("HTTP probe failed with statuscode: " + status));
    }

    private static ProbeResult terminated(Supplier<String> body) {
        return ProbeResult.warned("Probe terminated redirects, Response body: " + body.get());
    }
}
