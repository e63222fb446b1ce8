package io.pod4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.api.model.EmptyDirVolumeSource;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.Probe;
import io.pod4j.api.model.Volume;
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
        return Pod.named("greeter-built")
                .label("app", "greeter")
                .volume(Volume.builder().name("www").emptyDir(EmptyDirVolumeSource.builder().build()).build())
                .container("web", c -> c.image(TestImages.BUSYBOX)
                        .env("GREETING", "Bonjour")
                        .command("sh", "-c", "mkdir -p /www/cgi-bin && " + script + " > /www/cgi-bin/greet"
                                + " && chmod +x /www/cgi-bin/greet && exec httpd -f -p 8080 -h /www")
                        .port("http", 8080)
                        .readinessProbe(Probe.httpGet("/cgi-bin/greet", "http"))
                        .mount("www", "/www"))
                .build();
    }

    @Test
    void greetsInTheGreetingItWasBuiltWith() throws Exception {
        assertThat(Http.get(greeter, "web", 8080, "/cgi-bin/greet?Java")).isEqualTo("Bonjour, Java!\n");
    }

    @Test
    void injectsThePodByNameToo(@PodName("greeter-built") PodHandle same) {
        assertThat(same.pod().metadata().uid()).isEqualTo(greeter.pod().metadata().uid());
    }
}
