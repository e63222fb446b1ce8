package io.pod4j.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.TestImages;
import io.pod4j.junit.ManifestHandle;
import io.pod4j.junit.PodTest;
import io.pod4j.junit.ServiceAddress;
import io.pod4j.junit.TestManifest;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The greeter as a cluster runs it, from {@code manifests/greeter.yaml}: a Deployment of two
 * replicas, a Service in front of them and a client Job calling the Service by name. The tests
 * begin once the Deployment is rolled out, the Service answers and the Job is complete.
 */
@PodTest
class GreeterServiceIT {

    static {
        TestImages.ensure(); // the manifest's local image, built when missing
    }

    @TestManifest(file = "manifests/greeter.yaml")
    static ManifestHandle greeter;

    @Test
    void greetsThroughItsService(@ServiceAddress("greeter") URI service) throws Exception {
        assertThat(Http.get(service.resolve("/cgi-bin/greet?pod4j"))).isEqualTo("Hello, pod4j!\n");
    }

    @Test
    void spreadsRequestsOverItsReplicas(@ServiceAddress(value = "greeter", port = "http") URI service) throws Exception {
        Set<String> answeredBy = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            answeredBy.add(Http.get(service.resolve("/host")).strip());
        }
        assertThat(answeredBy).containsExactlyInAnyOrderElementsOf(
                greeter.pods(Deployment.class, "greeter").stream().map(PodHandle::name).toList());
    }

    @Test
    void rolledOutItsReplicasBeforeTheTests() {
        Deployment deployment = greeter.get(Deployment.class, "greeter");
        assertThat(deployment.getStatus().getAvailableReplicas()).isEqualTo(2);
        assertThat(deployment.getStatus().getUpdatedReplicas()).isEqualTo(2);
    }

    @Test
    void itsClientReachedItByName() {
        assertThat(greeter.get(Job.class, "greeter-client").getStatus().getSucceeded()).isEqualTo(1);
        PodHandle client = greeter.pods(Job.class, "greeter-client").get(0);
        assertThat(client.logs("client")).contains("Hello, client!");
    }
}
