package io.pod4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.engine.PodHandle;
import io.pod4j.engine.TestImages;
import io.pod4j.junit.PodTest;
import io.pod4j.junit.TestPod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The greeter application, started from its manifest once for the class. */
@PodTest
class GreeterYamlIT {

    @TestPod(resource = "greeter/greeter.yaml")
    static PodHandle greeter;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @Test
    void greetsWithTheConfiguredGreeting() throws Exception {
        assertThat(Http.get(greeter, "web", 8080, "/cgi-bin/greet?pod4j")).isEqualTo("Hello, pod4j!\n");
    }

    @Test
    void servesTheHeartbeatTheSidecarWrites() throws Exception {
        long beat = Long.parseLong(Http.get(greeter, "web", 8080, "/heartbeat").strip());
        assertThat(beat).isGreaterThan(0);
        assertThat(greeter.status().getContainerStatuses()).allSatisfy(c -> assertThat(c.getReady()).isTrue());
    }
}
