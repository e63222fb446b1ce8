package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Kubernetes' strategic merge patch on Pods, with the results a cluster gives. */
class StrategicMergePatchTest {

    private static final String POD = """
            {"metadata": {"name": "web", "finalizers": ["a", "b"]},
             "spec": {
               "containers": [
                 {"name": "app", "image": "nginx:1.27", "args": ["-a", "-b"],
                  "ports": [{"containerPort": 80, "name": "http"}, {"containerPort": 443, "name": "https"}],
                  "env": [{"name": "MODE", "value": "prod"}, {"name": "LEVEL", "value": "info"}],
                  "volumeMounts": [{"name": "data", "mountPath": "/data"}]},
                 {"name": "sidecar", "image": "busybox:1"}],
               "volumes": [{"name": "data", "emptyDir": {}}],
               "tolerations": [{"key": "a", "operator": "Exists"}]}}
            """;

    private static ObjectNode patch(String patch) {
        return StrategicMergePatch.apply((ObjectNode) Json.parse(POD), Json.parse(patch), "Pod");
    }

    private static JsonNode container(ObjectNode pod, String name) {
        for (JsonNode c : pod.path("spec").path("containers")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        return null;
    }

    @Test
    void containersMergeByNameKeepingTheOthers() {
        ObjectNode pod = patch("{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.28\"}]}}");

        assertThat(container(pod, "app").path("image").asText()).isEqualTo("nginx:1.28");
        assertThat(container(pod, "app").path("ports")).hasSize(2);
        assertThat(container(pod, "sidecar").path("image").asText()).isEqualTo("busybox:1");
    }

    @Test
    void newContainerIsAppended() {
        ObjectNode pod = patch("{\"spec\":{\"containers\":[{\"name\":\"log\",\"image\":\"fluent\"}]}}");

        assertThat(pod.path("spec").path("containers")).extracting(c -> c.path("name").asText())
                .containsExactly("app", "sidecar", "log");
    }

    @Test
    void envMergesByNameAndPortsByContainerPort() {
        ObjectNode pod = patch("""
                {"spec":{"containers":[{"name":"app",
                  "env":[{"name":"LEVEL","value":"debug"},{"name":"NEW","value":"1"}],
                  "ports":[{"containerPort":443,"name":"tls"}]}]}}""");

        JsonNode app = container(pod, "app");
        assertThat(app.path("env").toString())
                .isEqualTo("[{\"name\":\"MODE\",\"value\":\"prod\"},{\"name\":\"LEVEL\",\"value\":\"debug\"},{\"name\":\"NEW\",\"value\":\"1\"}]");
        assertThat(app.path("ports").toString())
                .isEqualTo("[{\"containerPort\":80,\"name\":\"http\"},{\"containerPort\":443,\"name\":\"tls\"}]");
    }

    @Test
    void patchDeleteRemovesTheItemWithThatMergeKey() {
        ObjectNode pod = patch("{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"$patch\":\"delete\"}]}}");

        assertThat(pod.path("spec").path("containers")).extracting(c -> c.path("name").asText()).containsExactly("app");
    }

    @Test
    void patchDeleteOfAMapRemovesIt() {
        ObjectNode pod = patch("{\"spec\":{\"volumes\":[{\"name\":\"data\",\"emptyDir\":{\"$patch\":\"delete\"}}]}}");

        assertThat(pod.path("spec").path("volumes").get(0).toString()).isEqualTo("{\"name\":\"data\"}");
    }

    @Test
    void listsWithoutAMergeKeyAreReplaced() {
        ObjectNode pod = patch("""
                {"spec":{"tolerations":[{"key":"b","operator":"Exists"}],
                  "containers":[{"name":"app","args":["-c"]}]}}""");

        assertThat(pod.path("spec").path("tolerations").toString()).isEqualTo("[{\"key\":\"b\",\"operator\":\"Exists\"}]");
        assertThat(container(pod, "app").path("args").toString()).isEqualTo("[\"-c\"]");
    }

    @Test
    void patchReplaceInAListReplacesTheWholeList() {
        ObjectNode pod = patch("""
                {"spec":{"containers":[{"name":"app","env":[{"$patch":"replace"},{"name":"ONLY","value":"x"}]}]}}""");

        assertThat(container(pod, "app").path("env").toString()).isEqualTo("[{\"name\":\"ONLY\",\"value\":\"x\"}]");
    }

    @Test
    void patchReplaceInAMapReplacesTheWholeMap() {
        ObjectNode pod = patch("{\"metadata\":{\"$patch\":\"replace\",\"name\":\"web\",\"labels\":{\"a\":\"b\"}}}");

        assertThat(pod.path("metadata").toString()).isEqualTo("{\"name\":\"web\",\"labels\":{\"a\":\"b\"}}");
    }

    @Test
    void nullRemovesAField() {
        ObjectNode pod = patch("{\"spec\":{\"containers\":[{\"name\":\"app\",\"args\":null}]}}");

        assertThat(container(pod, "app").has("args")).isFalse();
    }

    @Test
    void finalizersMergeAsASetAndDeleteFromPrimitiveListRemoves() {
        ObjectNode pod = patch("{\"metadata\":{\"finalizers\":[\"b\",\"c\"],\"$deleteFromPrimitiveList/finalizers\":[\"a\"]}}");

        assertThat(pod.path("metadata").path("finalizers").toString()).isEqualTo("[\"b\",\"c\"]");
    }

    @Test
    void setElementOrderOrdersTheMergedList() {
        ObjectNode pod = patch("""
                {"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"app"}],
                  "containers":[{"name":"app","image":"nginx:1.28"}]}}""");

        assertThat(pod.path("spec").path("containers")).extracting(c -> c.path("name").asText())
                .containsExactly("sidecar", "app");
    }

    @Test
    void retainKeysDropsTheOtherMembersOfAUnion() {
        ObjectNode pod = patch("""
                {"spec":{"volumes":[{"name":"data","$retainKeys":["name","hostPath"],"hostPath":{"path":"/srv"}}]}}""");

        assertThat(pod.path("spec").path("volumes").get(0).toString())
                .isEqualTo("{\"name\":\"data\",\"hostPath\":{\"path\":\"/srv\"}}");
    }

    @Test
    void itemWithoutItsMergeKeyIsRefused() {
        assertRefused(() -> patch("{\"spec\":{\"containers\":[{\"image\":\"x\"}]}}"), 400, "BadRequest",
                "map: map[image:x] does not contain declared merge key: name");
    }
}
