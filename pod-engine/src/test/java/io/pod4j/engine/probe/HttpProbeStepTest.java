package io.pod4j.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpProbeStepTest {

    private static final URI FIRST = URI.create("http://10.1.2.3:8080/healthz");
    private static final String BODY = "<a href=\"http://elsewhere/\">Found</a>.";

    @ParameterizedTest(name = "{0} Location {1} -> {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // Same host: followed, relative or absolute, also on another port or scheme.
        "302|/ready|follow|http://10.1.2.3:8080/ready",
        "301|http://10.1.2.3:9090/x|follow|http://10.1.2.3:9090/x",
        "303|https://10.1.2.3/secure|follow|https://10.1.2.3/secure",
        "307|ready?x=1|follow|http://10.1.2.3:8080/ready?x=1",
        "308|/ready|follow|http://10.1.2.3:8080/ready",
        // Another host: not followed, a success with the kubelet's warning.
        "302|http://elsewhere/|warning|Probe terminated redirects, Response body: " + BODY,
        "301|https://10.1.2.4:8080/healthz|warning|Probe terminated redirects, Response body: " + BODY,
        // A 3xx that Go's client does not follow, or without a Location: a success with the warning.
        "302|-|warning|Probe terminated redirects, Response body: " + BODY,
        "300|/ready|warning|Probe terminated redirects, Response body: " + BODY,
        "304|-|warning|Probe terminated redirects, Response body: " + BODY,
        "200|-|success|-",
        "204|/ignored|success|-",
        "399|-|warning|Probe terminated redirects, Response body: " + BODY,
        "400|-|failure|HTTP probe failed with statuscode: 400",
        "500|/ready|failure|HTTP probe failed with statuscode: 500",
        "101|-|failure|HTTP probe failed with statuscode: 101",
    })
    void decidesAsTheKubeletsProber(int status, String location, String kind, String detail) {
        HttpProbeStep.Step step = HttpProbeStep.after(FIRST, FIRST, 1, status, location, () -> BODY);
        switch (kind) {
            case "follow" -> assertThat(step).isEqualTo(new HttpProbeStep.Follow(URI.create(detail)));
            case "warning" -> assertThat(step).isEqualTo(new HttpProbeStep.Done(ProbeResult.warned(detail)));
            case "success" -> assertThat(step).isEqualTo(new HttpProbeStep.Done(ProbeResult.ok()));
            default -> assertThat(step).isEqualTo(new HttpProbeStep.Done(ProbeResult.failed(detail)));
        }
    }

    @ParameterizedTest(name = "request {0}")
    @CsvSource({"1", "2", "9"})
    void followsASameHostRedirectUpToTheTenthRequest(int requests) {
        URI current = URI.create("http://10.1.2.3:8080/hop" + requests);
        assertThat(HttpProbeStep.after(FIRST, current, requests, 302, "/next", () -> BODY))
                .isEqualTo(new HttpProbeStep.Follow(URI.create("http://10.1.2.3:8080/next")));
    }

    @ParameterizedTest(name = "request {0}")
    @CsvSource({"10", "11"})
    void failsWhenTheTenthRequestRedirectsAgain(int requests) {
        assertThat(HttpProbeStep.after(FIRST, URI.create("http://10.1.2.3:8080/hop"), requests, 302, "/next", () -> BODY))
                .isEqualTo(new HttpProbeStep.Done(ProbeResult.failed("Get \"/next\": stopped after 10 redirects")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"200", "302", "500"})
    void readsTheBodyOnlyForAWarning(int status) {
        boolean[] read = {false};
        HttpProbeStep.after(FIRST, FIRST, 1, status, "/next", () -> {
            read[0] = true;
            return BODY;
        });
        assertThat(read[0]).isFalse();
    }
}
