package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.pod4j.api.build.Pods;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The prober's warnings become the kubelet's events. */
class ProbeWarningIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    /** Answers every request with a redirect to another host, one connection at a time. */
    private static final String REDIRECT_SERVER = """
            cat > /tmp/answer.sh <<'EOF'
            while read -r line; do
              line=$(echo "$line" | tr -d '\\r')
              [ -z "$line" ] && break
            done
            body='moved'
            printf 'HTTP/1.0 302 Found\\r\\nLocation: http://elsewhere.invalid/\\r\\nContent-Length: %s\\r\\n\\r\\n%s' "${#body}" "$body"
            EOF
            while true; do nc -l -p 8080 -e sh /tmp/answer.sh; done
            """;

    @Test
    void recordsAProbeWarningEventForARedirectToAnotherHost() {
        Pod pod = Pods.named("redirected-probe")
                .container("web", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", REDIRECT_SERVER).port(8080)
                        .readinessProbe(new ProbeBuilder().withPeriodSeconds(1)
                                .withHttpGet(new HTTPGetActionBuilder().withPath("/healthz").withPort(new IntOrString(8080)).build()).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(Duration.ofSeconds(60));
            h.await(p -> h.events().stream().anyMatch(e -> e.getReason().equals("ProbeWarning")), "record a ProbeWarning event",
                    Duration.ofSeconds(30));
            assertThat(h.events()).filteredOn(e -> e.getReason().equals("ProbeWarning")).first()
                    .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"))
                    .extracting(Event::getMessage)
                    .isEqualTo("Readiness probe warning: Probe terminated redirects, Response body: moved");
        }
    }
}
