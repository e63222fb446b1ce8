package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.pod;
import static io.pod4j.store.Fixtures.store;
import static io.pod4j.store.ManagedFieldsTest.entry;
import static io.pod4j.store.ManagedFieldsTest.fields;
import static io.pod4j.store.ManagedFieldsTest.json;
import static io.pod4j.store.ManagedFieldsTest.managers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import org.junit.jupiter.api.Test;

/** Server-side apply ({@code PATCH} with {@code application/apply-patch+yaml}), as a cluster answers it. */
class ServerSideApplyTest {

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: default
              labels:
                app: web
            spec:
              containers:
              - name: app
                image: %s
                ports:
                - containerPort: 80
            """;

    private final ObjectStore store = store();

    private Pod applyPod(String yaml, WriteOptions options) {
        return store.patch(ResourceTypes.PODS, "default", "web", PatchType.APPLY, yaml, options);
    }

    private ConfigMap applyConfig(String data, String manager) {
        return store.patch(ResourceTypes.CONFIG_MAPS, "default", "settings", PatchType.APPLY,
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n" + data, WriteOptions.fieldManager(manager));
    }

    @Test
    void applyCreatesAnObjectThatDoesNotExist() {
        Pod created = applyPod(POD.formatted("nginx:1.27"), WriteOptions.fieldManager("kubectl"));

        assertThat(created.getMetadata().getUid()).isNotEmpty();
        assertThat(created.getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(managers(created)).containsExactly("kubectl/Apply");
        assertThat(entry(created, "kubectl").getApiVersion()).isEqualTo("v1");
        assertThat(fields(created, "kubectl")).isEqualTo(json("""
                {'f:metadata':{'f:labels':{'f:app':{}}},
                 'f:spec':{'f:containers':{'k:{\\'name\\':\\'app\\'}':{'.':{},'f:image':{},'f:name':{},
                     'f:ports':{'k:{\\'containerPort\\':80,\\'protocol\\':\\'TCP\\'}':{'.':{},'f:containerPort':{}}}}}}}
                """));
    }

    @Test
    void reapplyingWithoutAFieldRemovesIt() {
        applyConfig("  mode: prod\n  level: debug\n", "deployer");

        ConfigMap reapplied = applyConfig("  mode: prod\n", "deployer");

        assertThat(reapplied.getData()).containsExactly(entry("mode", "prod"));
        assertThat(fields(reapplied, "deployer")).isEqualTo(json("{'f:data':{'f:mode':{}}}"));
    }

    @Test
    void aFieldAnotherApplierAlsoSetsStaysWhenOneGivesItUp() {
        applyConfig("  mode: prod\n  level: debug\n", "deployer");
        applyConfig("  level: debug\n", "tuner");

        ConfigMap reapplied = applyConfig("  mode: prod\n", "deployer");

        assertThat(reapplied.getData()).containsOnly(entry("mode", "prod"), entry("level", "debug"));
        assertThat(fields(reapplied, "tuner")).isEqualTo(json("{'f:data':{'f:level':{}}}"));
        assertThat(fields(reapplied, "deployer")).isEqualTo(json("{'f:data':{'f:mode':{}}}"));
    }

    @Test
    void settingAFieldAnotherApplierOwnsToAnotherValueIsAConflict() {
        applyConfig("  level: debug\n", "deployer");

        assertRefused(() -> applyConfig("  level: info\n", "tuner"), 409, "Conflict",
                "Apply failed with 1 conflict: conflict with \"deployer\": .data.level")
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    StatusCause cause = e.status().getDetails().getCauses().get(0);
                    assertThat(cause.getReason()).isEqualTo("FieldManagerConflict");
                    assertThat(cause.getMessage()).isEqualTo("conflict with \"deployer\"");
                    assertThat(cause.getField()).isEqualTo(".data.level");
                });
        assertThat(store.get(ResourceTypes.CONFIG_MAPS, "default", "settings").getData()).containsEntry("level", "debug");
    }

    @Test
    void conflictsWithSeveralManagersAreListedByManager() {
        applyConfig("  level: debug\n  mode: prod\n", "deployer");
        store.patch(ResourceTypes.CONFIG_MAPS, "default", "settings", PatchType.MERGE, "{\"data\":{\"zone\":\"a\"}}",
                WriteOptions.fieldManager("kubectl-patch"));

        assertRefused(() -> applyConfig("  level: info\n  mode: test\n  zone: b\n", "tuner"), 409, "Conflict",
                "Apply failed with 3 conflicts: conflicts with \"deployer\":\n- .data.level\n- .data.mode\n"
                        + "conflicts with \"kubectl-patch\" using v1:\n- .data.zone");
    }

    @Test
    void aForcedApplyTakesTheFieldFromItsOwner() {
        applyConfig("  level: debug\n  mode: prod\n", "deployer");

        ConfigMap forced = store.patch(ResourceTypes.CONFIG_MAPS, "default", "settings", PatchType.APPLY,
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  level: info\n",
                WriteOptions.fieldManager("tuner").forced());

        assertThat(forced.getData()).containsOnly(entry("level", "info"), entry("mode", "prod"));
        assertThat(fields(forced, "tuner")).isEqualTo(json("{'f:data':{'f:level':{}}}"));
        assertThat(fields(forced, "deployer")).isEqualTo(json("{'f:data':{'f:mode':{}}}"));
    }

    @Test
    void serverSideApplyAfterAClientSideApplyConflictsOnTheImage() {
        store.create(pod("web"), WriteOptions.fieldManager("kubectl-client-side-apply"));

        assertRefused(() -> applyPod(POD.formatted("nginx:1.28"), WriteOptions.fieldManager("deployer")), 409, "Conflict",
                "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using v1:"
                        + " .spec.containers[name=\"app\"].image");
    }

    @Test
    void kubectlServerSideApplyTakesOverTheFieldsItsClientSideApplyLastApplied() {
        Pod csa = new PodBuilder(pod("web")).editMetadata().addToAnnotations(FieldManager.LAST_APPLIED,
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"labels\":{\"app\":\"web\"},\"name\":\"web\"},"
                        + "\"spec\":{\"containers\":[{\"image\":\"nginx:1.27\",\"name\":\"app\"}]}}\n").endMetadata().build();
        store.create(csa, WriteOptions.fieldManager("kubectl-client-side-apply"));

        Pod applied = applyPod(POD.formatted("nginx:1.28"), WriteOptions.fieldManager("kubectl"));

        assertThat(applied.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.28");
        assertThat(fields(applied, "kubectl").at("/f:spec/f:containers/k:{\"name\":\"app\"}").has("f:image")).isTrue();
        assertThat(applied.getMetadata().getAnnotations().get(FieldManager.LAST_APPLIED)).isEqualTo(
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"labels\":{\"app\":\"web\"},\"name\":\"web\","
                        + "\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"image\":\"nginx:1.28\",\"name\":\"app\",\"ports\":[{\"containerPort\":80}]}]}}\n");
    }

    @Test
    void anApplyMergesListItemsByTheirKeys() {
        store.create(pod("web"), WriteOptions.fieldManager("kubectl-create"));

        // The same image and port: shared with kubectl-create, no conflict; env stays, as the list merges by name.
        Pod applied = applyPod(POD.formatted("nginx:1.27"), WriteOptions.fieldManager("deployer"));

        assertThat(applied.getSpec().getContainers()).hasSize(1);
        assertThat(applied.getSpec().getContainers().get(0).getEnv()).hasSize(1);
        assertThat(applied.getSpec().getContainers().get(0).getPorts()).hasSize(1);
        assertThat(managers(applied)).containsExactly("deployer/Apply", "kubectl-create/Update");
        assertThat(fields(applied, "kubectl-create").at("/f:spec/f:containers/k:{\"name\":\"app\"}").has("f:image")).isTrue();
    }

    @Test
    void anAtomicListIsReplacedWhole() {
        applyPod(POD.formatted("nginx:1.27").replace("    ports:", "    args: [a, b]\n    ports:"),
                WriteOptions.fieldManager("deployer"));
        Pod created = store.get(ResourceTypes.PODS, "default", "web");

        assertThat(created.getSpec().getContainers().get(0).getArgs()).containsExactly("a", "b");
        assertThat(fields(created, "deployer").at("/f:spec/f:containers/k:{\"name\":\"app\"}/f:args").isEmpty()).isTrue();
    }

    @Test
    void aFieldTheSchemaDoesNotKnowIsRefused() {
        assertRefused(() -> applyPod(POD.formatted("nginx:1.27") + "    imagePolicy: Always\n", WriteOptions.fieldManager("kubectl")),
                500, null, "failed to create typed patch object (default/web; /v1, Kind=Pod):"
                        + " .spec.containers[name=\"app\"].imagePolicy: field not declared in schema");
    }

    @Test
    void anApplyNeedsAFieldManager() {
        assertRefused(() -> applyPod(POD.formatted("nginx:1.27"), WriteOptions.DEFAULT), 422, "Invalid",
                "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch")
                .isInstanceOfSatisfying(StoreException.class, e -> {
                    assertThat(e.status().getDetails().getKind()).isEqualTo("PatchOptions");
                    assertThat(e.status().getDetails().getGroup()).isEqualTo("meta.k8s.io");
                    assertThat(e.status().getDetails().getCauses().get(0).getReason()).isEqualTo("FieldValueRequired");
                });
    }

    @Test
    void forceIsOnlyForApplies() {
        store.create(pod("web"));

        assertRefused(() -> store.patch(ResourceTypes.PODS, "default", "web", PatchType.MERGE, "{}",
                WriteOptions.fieldManager("kubectl").forced()), 422, "Invalid",
                "PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch");
    }

    @Test
    void anAppliedConfigurationMayNotCarryManagedFields() {
        assertRefused(() -> applyPod(POD.formatted("nginx:1.27").replace("  labels:", "  managedFields: []\n  labels:"),
                WriteOptions.fieldManager("kubectl")), 400, "BadRequest", "metadata.managedFields must be nil");
    }

    @Test
    void anApplyStillGoesThroughAdmission() {
        store.create(pod("web"), WriteOptions.fieldManager("kubectl-create"));

        assertRefused(() -> applyPod(POD.formatted("nginx:1.27").replace("- name: app", "- name: app\n    workingDir: /srv"),
                WriteOptions.fieldManager("deployer")), 422, "Invalid", null)
                .hasMessageStartingWith("Pod \"web\" is invalid: spec: Forbidden: pod updates may not change fields");
    }

    @Test
    void anApplyToTheStatusSubresourceOwnsStatusFields() {
        store.create(Fixtures.scheduledPod("web"), WriteOptions.fieldManager("kubectl-create"));

        Pod running = store.patchStatus(ResourceTypes.PODS, "default", "web", PatchType.APPLY,
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\"},\"status\":{\"phase\":\"Running\"}}",
                WriteOptions.fieldManager("node-agent"));

        assertThat(running.getStatus().getPhase()).isEqualTo("Running");
        assertThat(entry(running, "node-agent").getSubresource()).isEqualTo("status");
        assertThat(fields(running, "node-agent")).isEqualTo(json("{'f:status':{'f:phase':{}}}"));
    }
}
