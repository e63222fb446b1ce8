package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ResourceTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * kubectl commands beyond reading and writing objects: server-side dry runs, edit, describe,
 * events. Where a test asserts printed text, the expected text is what kubectl 1.32 prints against
 * a cluster for the same objects (its printers and messages), noted at the assertion.
 */
class KubectlCommandsIT {

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension();

    private static String configMap(String name, String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  key: " + value + "\n";
    }

    private static String stored(String name) {
        return API.engine().store().get(ResourceTypes.CONFIG_MAPS, "default", name).getData().get("key");
    }

    @Test
    void createDryRunServerPrintsTheAdmittedPodAndStoresNothing() {
        String before = API.engine().store().resourceVersion();

        String yaml = API.kubectlWithInput(Manifests.pod("dry", "app: dry"), "create", "-f", "-", "--dry-run=server",
                "-o", "yaml").ok().out();

        // defaulted and filled in as stored, but never stored: no resourceVersion
        assertThat(yaml).contains("name: dry", "uid: ", "creationTimestamp: ", "terminationMessagePath: /dev/termination-log",
                "dnsPolicy: ClusterFirst");
        assertThat(yaml).doesNotContain("resourceVersion");
        assertThat(API.engine().store().list(ResourceTypes.PODS, ListOptions.all()).items())
                .noneMatch(p -> p.getMetadata().getName().equals("dry"));
        assertThat(API.engine().store().resourceVersion()).isEqualTo(before);
    }

    @Test
    void createDryRunServerIsStillValidated() {
        var r = API.kubectlWithInput(Manifests.pod("Bad_Name", "app: x"), "create", "-f", "-", "--dry-run=server");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("The Pod \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\"");
    }

    @Test
    void applyDryRunServerReportsWhatItWouldDoAndChangesNothing() {
        // kubectl's apply messages with the server's dry run: "<kind>/<name> created (server dry run)"
        assertThat(API.kubectlWithInput(configMap("dry-apply", "one"), "apply", "-f", "-", "--dry-run=server").ok().out())
                .isEqualTo("configmap/dry-apply created (server dry run)\n");
        API.kubectlWithInput(configMap("dry-apply", "one"), "apply", "-f", "-").ok();

        assertThat(API.kubectlWithInput(configMap("dry-apply", "two"), "apply", "-f", "-", "--dry-run=server").ok().out())
                .isEqualTo("configmap/dry-apply configured (server dry run)\n");
        assertThat(API.kubectlWithInput(configMap("dry-apply", "two"), "apply", "--server-side", "-f", "-",
                "--dry-run=server").ok().out()).isEqualTo("configmap/dry-apply serverside-applied (server dry run)\n");
        assertThat(stored("dry-apply")).isEqualTo("one");
    }

    @Test
    void patchAndLabelDryRunServerChangeNothing() {
        API.kubectlWithInput(configMap("dry-patch", "one"), "create", "-f", "-").ok();

        assertThat(API.kubectl("patch", "configmap", "dry-patch", "-p", "{\"data\":{\"key\":\"two\"}}", "--dry-run=server",
                "-o", "jsonpath={.data.key}").ok().out()).isEqualTo("two");
        API.kubectl("label", "configmap", "dry-patch", "tier=x", "--dry-run=server").ok();

        ConfigMap cm = API.engine().store().get(ResourceTypes.CONFIG_MAPS, "default", "dry-patch");
        assertThat(cm.getData()).containsEntry("key", "one");
        assertThat(cm.getMetadata().getLabels()).isNullOrEmpty();
    }

    @Test
    void deleteDryRunServerLeavesThePodAndTheNamespace() {
        API.kubectl("create", "namespace", "dry-ns").ok();
        API.kubectlWithInput(Manifests.pod("kept", "app: kept"), "create", "-f", "-").ok();

        // kubectl's delete message with the server's dry run
        assertThat(API.kubectl("delete", "pod", "kept", "--dry-run=server").ok().out())
                .isEqualTo("pod \"kept\" deleted (server dry run)\n");
        assertThat(API.kubectl("delete", "namespace", "dry-ns", "--dry-run=server").ok().out())
                .isEqualTo("namespace \"dry-ns\" deleted (server dry run)\n");

        Pod pod = API.engine().store().get(ResourceTypes.PODS, "default", "kept");
        assertThat(pod.getMetadata().getDeletionTimestamp()).isNull();
        assertThat(API.kubectl("get", "namespace", "dry-ns", "-o", "jsonpath={.status.phase}").ok().out()).isEqualTo("Active");
    }
}
