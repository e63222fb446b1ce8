package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.pod;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The three patch types on a stored Pod, through admission, as a cluster answers them. */
class PatchTest {

    private final ObjectStore store = store();
    private Pod web;

    @BeforeEach
    void createPod() {
        web = store.create(pod("web"));
    }

    private Pod patch(PatchType type, String patch) {
        return store.patch(ResourceTypes.PODS, "default", "web", type, patch);
    }

    @Test
    void jsonPatchReplacesAnImage() {
        Pod patched = patch(PatchType.JSON, "[{\"op\":\"replace\",\"path\":\"/spec/containers/0/image\",\"value\":\"nginx:1.28\"}]");

        assertThat(patched.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.28");
        assertThat(patched.getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void jsonPatchWhoseTestFailsIsRefused() {
        assertRefused(() -> patch(PatchType.JSON, "[{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"db\"}]"),
                422, "Invalid", "testing value /metadata/name failed: test failed");
    }

    @Test
    void mergePatchAddsAndRemovesLabels() {
        Pod patched = patch(PatchType.MERGE, "{\"metadata\":{\"labels\":{\"tier\":\"front\",\"app\":null}}}");

        assertThat(patched.getMetadata().getLabels()).containsExactly(java.util.Map.entry("tier", "front"));
    }

    @Test
    void mergePatchReplacesTheContainerListSoThePodUpdateIsForbidden() {
        // RFC 7386 has no merge keys: the list becomes [{name, image}], dropping ports and env.
        assertRefused(() -> patch(PatchType.MERGE, "{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.28\"}]}}"),
                422, "Invalid", null).hasMessageStartingWith("Pod \"web\" is invalid: spec: Forbidden: " + PodUpdateRules.FORBIDDEN);
    }

    @Test
    void strategicMergePatchChangesTheImageOfTheNamedContainerOnly() {
        Pod patched = patch(PatchType.STRATEGIC_MERGE, "{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.28\"}]}}");

        assertThat(patched.getSpec().getContainers()).singleElement().satisfies(c -> {
            assertThat(c.getImage()).isEqualTo("nginx:1.28");
            assertThat(c.getPorts()).hasSize(1);
            assertThat(c.getEnv()).hasSize(1);
        });
    }

    @Test
    void strategicPatchDeleteOfAContainerIsForbiddenOnAPod() {
        store.create(new PodBuilder(pod("two")).editSpec().addNewContainer().withName("sidecar").withImage("busybox:1")
                .endContainer().endSpec().build());

        assertRefused(() -> store.patch(ResourceTypes.PODS, "default", "two", PatchType.STRATEGIC_MERGE,
                "{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"$patch\":\"delete\"}]}}"), 422, "Invalid",
                "Pod \"two\" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers");
    }

    @Test
    void strategicPatchDeleteOfTheOnlyContainerAlsoLeavesNoneAtAll() {
        assertRefused(() -> patch(PatchType.STRATEGIC_MERGE, "{\"spec\":{\"containers\":[{\"name\":\"app\",\"$patch\":\"delete\"}]}}"),
                422, "Invalid", "Pod \"web\" is invalid: [spec.containers: Required value, spec.containers: Forbidden: pod"
                        + " updates may not add or remove containers]");
    }

    @Test
    void strategicPatchDeleteOfAFinalizerRemovesIt() {
        store.update(new PodBuilder(web).editMetadata().addToFinalizers("example.com/a", "example.com/b").endMetadata().build());

        Pod patched = patch(PatchType.STRATEGIC_MERGE, "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"example.com/a\"]}}");

        assertThat(patched.getMetadata().getFinalizers()).containsExactly("example.com/b");
    }

    @Test
    void patchCarryingAStaleResourceVersionIsConflict() {
        store.update(new PodBuilder(web).editMetadata().addToLabels("v", "2").endMetadata().build());

        assertRefused(() -> patch(PatchType.MERGE, "{\"metadata\":{\"resourceVersion\":\"" + web.getMetadata().getResourceVersion()
                + "\",\"labels\":{\"v\":\"3\"}}}"), 409, "Conflict", "Operation cannot be fulfilled on pods \"web\": the object"
                + " has been modified; please apply your changes to the latest version and try again");
    }

    @Test
    void statusPatchMergesConditionsByType() {
        store.patchStatus(ResourceTypes.PODS, "default", "web", PatchType.STRATEGIC_MERGE,
                "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\"},{\"type\":\"PodScheduled\",\"status\":\"True\"}]}}");

        Pod patched = store.patchStatus(ResourceTypes.PODS, "default", "web", PatchType.STRATEGIC_MERGE,
                "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");

        assertThat(patched.getStatus().getPhase()).isEqualTo("Running");
        assertThat(patched.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                .containsExactly("Ready=True", "PodScheduled=True");
    }

    @Test
    void patchOfAMissingObjectIsNotFound() {
        assertRefused(() -> store.patch(ResourceTypes.PODS, "default", "ghost", PatchType.MERGE, "{}"),
                404, "NotFound", "pods \"ghost\" not found");
    }

    @Test
    void strategicMergePatchOfACustomResourceIsUnsupported() {
        var widget = store.create(new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1").withKind("Widget")
                .withNewMetadata().withName("w").endMetadata().build());
        var type = store.types().of(widget);

        assertRefused(() -> store.patch(type, "default", "w", PatchType.STRATEGIC_MERGE, "{}"), 415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include:"
                        + " application/json-patch+json, application/merge-patch+json");
    }

    @Test
    void patchMayNotRenameTheObject() {
        assertRefused(() -> patch(PatchType.MERGE, "{\"metadata\":{\"name\":\"db\"}}"), 400, "BadRequest",
                "the name of the object (db) does not match the name on the URL (web)");
    }

    @Test
    void statusOfAKindWithoutAStatusSubresourceIsNotFound() {
        store.create(Fixtures.configMap("cfg", "k", "v"));

        assertRefused(() -> store.patchStatus(ResourceTypes.CONFIG_MAPS, "default", "cfg", PatchType.MERGE, "{}"),
                404, "NotFound", "the server could not find the requested resource");
    }
}
