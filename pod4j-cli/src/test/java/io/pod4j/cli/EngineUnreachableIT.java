package io.pod4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A command line whose engine does not answer says so in one line, naming the endpoint and what to do. */
class EngineUnreachableIT {

    private final Pod4jProcess pod4j = new Pod4jProcess("unreachable");

    @Test
    void printsOneLineNamingTheEndpointAndWhatToDoInsteadOfAStackTrace() {
        String endpoint = "unix:///tmp/pod4j-no-engine-here.sock";

        Pod4jProcess.Result r = pod4j.run(Map.of("DOCKER_HOST", endpoint), null, "get", "pods");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr().lines().toList()).as(r.toString()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("error: no Docker engine answered")
                .contains(endpoint + " (DOCKER_HOST)")
                .contains("point DOCKER_HOST at"));
    }
}
