package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ResourceTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
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
    void createDryRunServerPrintsTheAdmittedPodAndStoresNothing() throws Exception {
        String before = API.engine().store().resourceVersion();

        String yaml = API.kubectlWithInput(Manifests.pod("dry", "app: dry"), "create", "-f", "-", "--dry-run=server",
                "-o", "yaml").ok().out();

        // defaulted and filled in as stored, but never stored: no resourceVersion
        assertThat(yaml).contains("name: dry", "uid: ", "creationTimestamp: ", "terminationMessagePath: /dev/termination-log",
                "dnsPolicy: ClusterFirst");
        assertThat(yaml).doesNotContain("resourceVersion");
        assertThat(API.engine().store().list(ResourceTypes.PODS, ListOptions.all()).items())
                .noneMatch(p -> p.getMetadata().getName().equals("dry"));
        // no pod was written since (the node's lease is, every 10 s: the store's own resourceVersion moves)
        try (var since = API.engine().store().watch(ResourceTypes.PODS, ListOptions.all().withResourceVersion(before))) {
            assertThat(since.next(Duration.ZERO)).isEmpty();
        }
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

    /** One running pod shared by the tests that only read it. */
    private static synchronized String runningPod() {
        if (API.engine().store().list(ResourceTypes.PODS, ListOptions.all()).items().stream()
                .noneMatch(p -> p.getMetadata().getName().equals("cmd-web"))) {
            API.kubectlWithInput(Manifests.pod("cmd-web", "app: cmd-web"), "create", "-f", "-").ok();
        }
        API.kubectl("wait", "--for=condition=Ready", "pod/cmd-web", "--timeout=60s").ok();
        return "cmd-web";
    }

    @Test
    void editChangesTheObjectWithTheUsersEditor() throws Exception {
        API.kubectlWithInput(configMap("edited", "one"), "create", "-f", "-").ok();
        Path editor = Files.createTempFile("editor", ".sh");
        Files.writeString(editor, "#!/bin/sh\nsed -i 's/key: one/key: two/' \"$1\"\n");
        editor.toFile().setExecutable(true);
        try {
            // kubectl's message after an edit, as against a cluster
            assertThat(API.kubectlWithEnv(Map.of("EDITOR", editor.toString()), "edit", "configmap", "edited").ok().out())
                    .isEqualTo("configmap/edited edited\n");
        } finally {
            Files.delete(editor);
        }
        assertThat(stored("edited")).isEqualTo("two");
        assertThat(API.engine().store().get(ResourceTypes.CONFIG_MAPS, "default", "edited").getMetadata().getManagedFields())
                .anySatisfy(m -> assertThat(m.getManager()).isEqualTo("kubectl-edit"));
    }

    @Test
    void eventsPrintsThePodsEventsInKubectlsColumns() {
        String pod = runningPod();

        List<String> lines = API.kubectl("events", "--for", "pod/" + pod).ok().out().lines().toList();

        // kubectl events (1.32) prints its own table; against a cluster, for a pod that started:
        // LAST SEEN   TYPE     REASON      OBJECT        MESSAGE
        // 12s         Normal   Scheduled   Pod/cmd-web   Successfully assigned default/cmd-web to <node>
        // 11s         Normal   Pulled      Pod/cmd-web   Container image "..." already present on machine
        assertThat(lines.get(0)).isEqualTo("LAST SEEN   TYPE     REASON      OBJECT        MESSAGE");
        assertThat(lines.subList(1, lines.size())).anyMatch(l -> l.matches(
                "\\d+s {9,10}Normal   Scheduled   Pod/cmd-web   Successfully assigned default/cmd-web to "
                        + API.engine().nodeName()));
        assertThat(lines.subList(1, lines.size())).anyMatch(l -> l.matches(
                "\\d+s +Normal   Started     Pod/cmd-web   Started container app"));
    }

    @Test
    void describePodPrintsAClustersSections() {
        String pod = runningPod();

        String out = API.kubectl("describe", "pod", pod).ok().out();

        // kubectl describe pod against a cluster: these fields, in this order, aligned at column 18
        assertThat(out).startsWith("Name:             cmd-web\nNamespace:        default\nPriority:         0\n"
                + "Service Account:  default\nNode:             " + API.engine().nodeName() + "/");
        assertThat(out).containsPattern("\nStatus:           Running\n");
        assertThat(out).containsPattern("\nContainers:\n  app:\n    Container ID:  docker://[0-9a-f]{64}\n");
        assertThat(out).containsPattern("\nConditions:\n  Type +Status\n");
        assertThat(out).containsPattern("\nEvents:\n  Type    Reason     Age   From               Message\n"
                + "  ----    ------     ----  ----               -------\n"
                + "  Normal  Scheduled  \\d+s +default-scheduler  Successfully assigned default/cmd-web to ");
    }

    @Test
    void describeNodePrintsAClustersSections() {
        runningPod();

        String out = API.kubectl("describe", "node", API.engine().nodeName()).ok().out();

        // kubectl describe node against a cluster: these sections, in this order
        assertThat(out).startsWith("Name:               " + API.engine().nodeName() + "\nRoles:              <none>\n");
        assertThat(out).containsSubsequence("\nConditions:\n", "\nAddresses:\n", "\nCapacity:\n", "\nAllocatable:\n",
                "\nSystem Info:\n", "\nNon-terminated Pods:", "default                     cmd-web",
                "\nAllocated resources:\n", "\nEvents:");
    }

    @Test
    void describeNodePrintsTheHeartbeatLeaseTheKubeletRenews() {
        String node = API.engine().nodeName();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> API.kubectl("get", "lease", "-n", "kube-node-lease", node).exitCode() == 0);

        String out = API.kubectl("describe", "node", node).ok().out();

        // kubectl describe node against a cluster: the Lease section, its times as RFC 1123 with the zone's offset
        assertThat(out).containsPattern("\nLease:\n  HolderIdentity:  " + node + "\n  AcquireTime:     <unset>\n"
                + "  RenewTime:       \\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\n");
        assertThat(out).doesNotContain("Failed to get lease");
    }

    @Test
    void getLeasesPrintsTheNodesLeaseHeldByTheNode() throws Exception {
        String node = API.engine().nodeName();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> API.kubectl("get", "lease", "-n", "kube-node-lease", node).exitCode() == 0);

        String out = API.kubectl("get", "leases", "-n", "kube-node-lease").ok().out();

        // kubectl get leases against a cluster: NAME, HOLDER, AGE, three spaces between columns
        String pad = " ".repeat(Math.max(0, "HOLDER".length() - node.length()) + 3);
        assertThat(out).containsPattern("^NAME" + " ".repeat(Math.max(4, node.length()) - 4 + 3) + "HOLDER"
                + " ".repeat(Math.max(6, node.length()) - 6 + 3) + "AGE\n" + node + " ".repeat(Math.max(4, node.length())
                - node.length() + 3) + node + pad + "\\d+s\n$");
        com.fasterxml.jackson.databind.JsonNode lease = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                API.kubectl("get", "lease", "-n", "kube-node-lease", node, "-o", "json").ok().out());
        assertThat(lease.at("/spec/leaseDurationSeconds").asInt()).isEqualTo(40);
        assertThat(lease.at("/metadata/ownerReferences/0/kind").asText()).isEqualTo("Node");
    }

    @Test
    void getWatchPrintsTheTableThenOneRowPerChange() throws Exception {
        API.kubectlWithInput(configMap("watched-table", "one"), "create", "-f", "-").ok();
        Path out = Files.createTempFile("watch", ".out");
        Process p = new ProcessBuilder("kubectl", "--kubeconfig", API.server().kubeconfig().toString(), "get",
                "configmap", "watched-table", "-w").redirectOutput(out.toFile()).redirectErrorStream(true).start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(out).lines().count() == 2);
            API.kubectl("label", "configmap", "watched-table", "step=two").ok();
            // kubectl get -w: the header and the row, then a row (no header) for each change, as from a cluster
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(out).lines().count() == 3);
            List<String> lines = Files.readString(out).lines().toList();
            assertThat(lines.get(0)).isEqualTo("NAME            DATA   AGE");
            assertThat(lines.get(1)).matches("watched-table   1      \\d+s");
            assertThat(lines.get(2)).matches("watched-table   1      \\d+s");
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(out);
        }
    }

    @Test
    void getInChunksOfOnePrintsOneTable() {
        for (String n : List.of("chunk1-a", "chunk1-b", "chunk1-c")) {
            API.kubectlWithInput(configMap(n, "v"), "create", "-f", "-").ok();
        }

        List<String> lines = API.kubectl("get", "configmaps", "--chunk-size=1").ok().out().lines().toList();

        // one header for all pages, as kubectl prints a chunked list from a cluster
        assertThat(lines.get(0)).matches("NAME +DATA   AGE");
        assertThat(lines).filteredOn(l -> l.startsWith("NAME")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.startsWith("chunk1-")).hasSize(3);
    }

    @Test
    void aContinuedListReportsTheResourceVersionOfItsFirstPage() throws Exception {
        for (String n : List.of("page-a", "page-b")) {
            API.kubectlWithInput(configMap(n, "v"), "create", "-f", "-").ok();
        }
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var first = mapper.readTree(API.kubectl("get", "--raw", "/api/v1/namespaces/default/configmaps?limit=1").ok().out());
        API.kubectlWithInput(configMap("page-c", "v"), "create", "-f", "-").ok();

        var second = mapper.readTree(API.kubectl("get", "--raw", "/api/v1/namespaces/default/configmaps?limit=1&continue="
                + first.path("metadata").path("continue").asText()).ok().out());

        // as from etcd's snapshot: every page of one list has the first page's resourceVersion
        assertThat(second.path("metadata").path("resourceVersion").asText())
                .isEqualTo(first.path("metadata").path("resourceVersion").asText());
    }

    @Test
    void deleteCollectionDeletesTheSelectedAndAnswersThem() throws Exception {
        API.kubectlWithInput(configMap("sweep-a", "v").replace("metadata:\n", "metadata:\n  labels: {sweep: \"yes\"}\n"),
                "create", "-f", "-").ok();
        API.kubectlWithInput(configMap("sweep-b", "v").replace("metadata:\n", "metadata:\n  labels: {sweep: \"yes\"}\n"),
                "create", "-f", "-").ok();
        API.kubectlWithInput(configMap("sweep-kept", "v"), "create", "-f", "-").ok();
        String url = "/api/v1/namespaces/default/configmaps?labelSelector=sweep%3Dyes";

        var dry = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                API.kubectl("delete", "--raw", url + "&dryRun=All").ok().out());
        assertThat(dry.path("items")).hasSize(2);
        assertThat(stored("sweep-a")).isEqualTo("v");

        var deleted = new com.fasterxml.jackson.databind.ObjectMapper().readTree(API.kubectl("delete", "--raw", url).ok().out());

        // the API server answers a deletecollection with the list of what it deleted
        assertThat(deleted.path("kind").asText()).isEqualTo("ConfigMapList");
        assertThat(deleted.path("items").findValuesAsText("name")).containsExactly("sweep-a", "sweep-b");
        assertThat(API.kubectl("get", "configmaps", "-l", "sweep=yes", "-o", "name").ok().out()).isEmpty();
        assertThat(stored("sweep-kept")).isEqualTo("v");
    }

    @Test
    void eventsK8sIoServesTheSameEventsConverted() throws Exception {
        String pod = runningPod();
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();

        var list = mapper.readTree(API.kubectl("get", "events.v1.events.k8s.io", "--field-selector",
                "regarding.name=" + pod + ",reason=Scheduled", "-o", "json").ok().out());

        var event = list.path("items").get(0);
        assertThat(event.path("apiVersion").asText()).isEqualTo("events.k8s.io/v1");
        assertThat(event.path("regarding").path("name").asText()).isEqualTo(pod);
        assertThat(event.path("note").asText()).isEqualTo("Successfully assigned default/" + pod + " to "
                + API.engine().nodeName());
        assertThat(event.has("message")).isFalse();
        // kubectl api-resources lists both group versions, as a cluster's discovery does
        assertThat(API.kubectl("api-resources").ok().out()).containsPattern("events\\s+ev\\s+events.k8s.io/v1\\s+true\\s+Event");
        // a watch streams them converted too
        List<String> watched = API.kubectl("get", "--raw", "/apis/events.k8s.io/v1/namespaces/default/events?watch=true"
                + "&timeoutSeconds=1&fieldSelector=regarding.name%3D" + pod).ok().out().lines().toList();
        assertThat(watched).isNotEmpty().allSatisfy(line -> {
            var e = mapper.readTree(line);
            assertThat(e.path("type").asText()).isEqualTo("ADDED");
            assertThat(e.path("object").path("apiVersion").asText()).isEqualTo("events.k8s.io/v1");
            assertThat(e.path("object").path("regarding").path("name").asText()).isEqualTo(pod);
        });
        // the server's Table: the columns a cluster prints for events of either group version
        List<String> table = API.kubectl("get", "events.v1.events.k8s.io", "--field-selector", "regarding.name=" + pod)
                .ok().out().lines().toList();
        assertThat(table.get(0)).matches("LAST SEEN +TYPE +REASON +OBJECT +MESSAGE");
        assertThat(table).anyMatch(l -> l.matches("\\S+ +Normal +Scheduled +pod/" + pod + " +Successfully assigned .*"));
        // explain reads the group's OpenAPI document, with fabric8's descriptions of events.k8s.io/v1
        assertThat(API.kubectl("explain", "events.note", "--api-version=events.k8s.io/v1").ok().out())
                .contains("GROUP:      events.k8s.io", "FIELD: note <string>", "note is a human-readable description");
    }

    @Test
    void anEventCreatedThroughEventsK8sIoIsACoreEventAndPatchesAsOne() {
        String event = """
                apiVersion: events.k8s.io/v1
                kind: Event
                metadata:
                  name: synced.1
                eventTime: "2026-12-03T08:00:00.000000Z"
                type: Normal
                reason: Synced
                action: Sync
                note: all in order
                reportingController: example.com/syncer
                reportingInstance: syncer-1
                regarding: {kind: ConfigMap, name: cfg, namespace: default}
                """;
        API.kubectlWithInput(event, "create", "-f", "-").ok();

        assertThat(API.kubectl("get", "events", "synced.1", "-o",
                "jsonpath={.message}/{.reportingComponent}/{.involvedObject.name}").ok().out())
                .isEqualTo("all in order/example.com/syncer/cfg");

        API.kubectl("patch", "events.v1.events.k8s.io", "synced.1", "--type=merge", "-p",
                "{\"series\":{\"count\":2,\"lastObservedTime\":\"2026-12-03T08:00:05.000000Z\"}}").ok();
        assertThat(API.kubectl("get", "events", "synced.1", "-o", "jsonpath={.series.count}").ok().out()).isEqualTo("2");
    }

    @Test
    void anEventsK8sIoEventWithoutItsRequiredFieldsIsRefusedInTheApiServersWords() {
        var r = API.kubectlWithInput("""
                apiVersion: events.k8s.io/v1
                kind: Event
                metadata:
                  name: bare
                type: Normal
                reason: Bare
                action: Nothing
                reportingController: example.com/x
                reportingInstance: x-1
                """, "create", "-f", "-");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("Event.events.k8s.io \"bare\" is invalid: eventTime: Required value");
    }
}
