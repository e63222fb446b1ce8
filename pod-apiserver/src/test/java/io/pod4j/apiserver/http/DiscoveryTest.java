package io.pod4j.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pod4j.apiserver.discovery.Discovery;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

    private static JsonNode resource(String name) {
        for (JsonNode r : Discovery.resources("", "v1").path("resources")) {
            if (r.path("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError(name + " not listed");
    }

    @Test
    void podsAreNamespacedWithShortNameCategoryAndEveryVerb() {
        JsonNode pods = resource("pods");
        assertThat(pods.path("kind").asText()).isEqualTo("Pod");
        assertThat(pods.path("singularName").asText()).isEqualTo("pod");
        assertThat(pods.path("namespaced").asBoolean()).isTrue();
        assertThat(pods.path("shortNames").get(0).asText()).isEqualTo("po");
        assertThat(pods.path("categories").get(0).asText()).isEqualTo("all");
        List<String> verbs = new ArrayList<>();
        pods.path("verbs").forEach(v -> verbs.add(v.asText()));
        assertThat(verbs).containsExactly("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    }

    @Test
    void subresourcesAreListedWithTheirKinds() {
        assertThat(resource("pods/log").path("kind").asText()).isEqualTo("Pod");
        assertThat(resource("pods/binding").path("kind").asText()).isEqualTo("Binding");
        assertThat(resource("pods/exec").path("kind").asText()).isEqualTo("PodExecOptions");
        assertThat(resource("namespaces/status").path("namespaced").asBoolean()).isFalse();
    }

    @Test
    void namespacesHaveNoDeleteCollection() {
        List<String> verbs = new ArrayList<>();
        resource("namespaces").path("verbs").forEach(v -> verbs.add(v.asText()));
        assertThat(verbs).doesNotContain("deletecollection");
    }

    @Test
    void nothingIsServedInGroupsThisServerDoesNotKnow() {
        assertThat(Discovery.resources("example.com", "v1")).isNull();
        assertThat(Discovery.group("example.com")).isNull();
        assertThat(Discovery.resources("networking.k8s.io", "v1")).isNull();
        assertThat(Discovery.resources("apps", "v1beta1")).isNull();
    }

    @Test
    void eventsK8sIoIsAGroupWithItsPreferredVersion() {
        JsonNode events = null;
        for (JsonNode g : Discovery.groups().path("groups")) {
            if (g.path("name").asText().equals("events.k8s.io")) {
                events = g;
            }
        }
        assertThat(events).isNotNull();
        assertThat(events.path("preferredVersion").path("groupVersion").asText()).isEqualTo("events.k8s.io/v1");
        assertThat(Discovery.group("events.k8s.io").path("kind").asText()).isEqualTo("APIGroup");
        assertThat(Discovery.resources("events.k8s.io", "v1").path("resources").get(0).path("kind").asText())
                .isEqualTo("Event");
    }

    @Test
    void theWorkloadGroupsAreListedWithTheirOneVersion() {
        List<String> groups = new ArrayList<>();
        Discovery.groups().path("groups").forEach(g -> groups.add(g.path("name").asText() + " "
                + g.path("preferredVersion").path("groupVersion").asText()));
        assertThat(groups).contains("apps apps/v1", "batch batch/v1");
    }

    @Test
    void deploymentsHaveTheirShortNameCategoryAndAnAutoscalingScale() {
        var apps = Discovery.resources("apps", "v1");
        List<String> names = new ArrayList<>();
        apps.path("resources").forEach(r -> names.add(r.path("name").asText()));
        assertThat(names).contains("deployments", "deployments/scale", "deployments/status", "replicasets", "statefulsets",
                "daemonsets");
        apps.path("resources").forEach(r -> {
            if (r.path("name").asText().equals("deployments")) {
                assertThat(r.path("shortNames").get(0).asText()).isEqualTo("deploy");
                assertThat(r.path("categories").get(0).asText()).isEqualTo("all");
            }
            if (r.path("name").asText().equals("deployments/scale")) {
                assertThat(r.path("group").asText() + "/" + r.path("version").asText()).isEqualTo("autoscaling/v1");
            }
        });
    }

    @Test
    void servicesAndEndpointsAreCoreResourcesWithTheirShortNames() {
        List<String> rows = new ArrayList<>();
        Discovery.resources("", "v1").path("resources").forEach(r -> rows.add(r.path("name").asText() + " "
                + r.path("shortNames").path(0).asText() + " " + r.path("categories").path(0).asText()));
        assertThat(rows).contains("services svc all", "services/status  ", "endpoints ep ");
    }

    @Test
    void endpointSlicesAreServedInTheDiscoveryGroup() {
        List<String> names = new ArrayList<>();
        Discovery.resources("discovery.k8s.io", "v1").path("resources").forEach(r -> names.add(r.path("name").asText()
                + " " + r.path("kind").asText()));
        assertThat(names).containsExactly("endpointslices EndpointSlice");
    }
}
