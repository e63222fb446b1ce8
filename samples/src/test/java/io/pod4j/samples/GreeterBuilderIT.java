package io.pod4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Pods;
import io.pod4j.api.build.Probes;
import io.pod4j.api.build.Volumes;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.TestImages;
import io.pod4j.junit.PodName;
import io.pod4j.junit.PodTest;
import io.pod4j.junit.TestPod;
import org.junit.jupiter.api.Test;

/** The greeter's web container built in Java, a fresh pod for each test, with a greeting of its own. */
@PodTest
class GreeterBuilderIT {

    @TestPod(method = "greeter")
    PodHandle greeter;

    Pod greeter() {
        TestImages.ensure();
        String script = "printf '#!/bin/sh\\necho Content-Type: text/plain\\necho\\necho \"$GREETING, ${QUERY_STRING:-world}!\"\\n'";
        return Pods.named("greeter-built")
                .label("app", "greeter")
                .volume(Volumes.emptyDir("www"))
                .container("web", c -> c.image(TestImages.BUSYBOX)
                        .env("GREETING", "Bonjour")
                        .command("sh", "-c", "mkdir -p /www/cgi-bin && " + script + " > /www/cgi-bin/greet"
                                + " && chmod +x /www/cgi-bin/greet && exec httpd -f -p 8080 -h /www")
                        .port("http", 8080)
                        .readinessProbe(Probes.httpGet("/cgi-bin/greet", "http"))
                        .mount("www", "/www"))
                .build();
    }

    @Test
    void greetsInTheGreetingItWasBuiltWith() throws Exception {
        assertThat(Http.get(greeter, "web", 8080, "/cgi-bin/greet?Java")).isEqualTo("Bonjour, Java!\n");
    }

    @Test
    void injectsThePodByNameToo(@PodName("greeter-built") PodHandle same) {
        assertThat(same.pod().getMetadata().getUid()).isEqualTo(greeter.pod().getMetadata().getUid());
    }
}
