package io.pod4j.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Pods;
import io.pod4j.api.build.Probes;

/** The reference pod of every section (infra + busybox httpd with a tcp readiness probe + a sleeping sidecar), as JSON. */
final class ReferencePod {

    static final String IMAGE = "pod4j-test/busybox:1";

    private ReferencePod() {
    }

    static Pod pod(String name) {
        return Pods.named(name).label("io.pod4j.bench", io.pod4j.bench.BenchRun.id())
                .container("web", c -> c.image(IMAGE).command("httpd", "-f", "-p", "8080").port(8080)
                        .readinessProbe(Probes.tcpSocket(8080)))
                .container("sidecar", c -> c.image(IMAGE).command("sleep", "3600"))
                .build();
    }

    static String json(String name) {
        try {
            return new ObjectMapper().writeValueAsString(pod(name));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes the pod at once and waits until it is gone. */
    static void remove(io.pod4j.engine.PodEngine engine, String name) {
        try {
            engine.delete("default", name, java.time.Duration.ZERO);
            engine.handle("default", name).awaitDeletion(java.time.Duration.ofSeconds(120));
        } catch (io.pod4j.api.error.NotFoundException gone) {
            // Already removed.
        }
    }

    /** @return whether the pod (JSON) has its Ready condition True */
    static boolean ready(JsonNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if (c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True")) {
                return true;
            }
        }
        return false;
    }
}
