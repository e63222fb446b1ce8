package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The installed kubectl (v1.32) against pod4j's API: discovery, reads, writes, deletes, waits and
 * logs. kubectl's default validation reads the OpenAPI documents and leaves it to the server
 * (fieldValidation=Strict).
 */
class KubectlIT {

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static void create(String manifest, String... extra) {
        List<String> args = new ArrayList<>(List.of("create", "-f", "-"));
        args.addAll(List.of(extra));
        API.kubectlWithInput(manifest, args.toArray(String[]::new)).ok();
    }

    private static void createReady(String name, String labels) {
        create(Manifests.pod(name, labels));
        API.kubectl("wait", "--for=condition=Ready", "pod/" + name, "--timeout=60s").ok();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }

    private static boolean podExists(String namespace, String name) {
        try {
            API.engine().store().get(ResourceTypes.PODS, namespace, name);
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    @Test
    void apiResourcesListsTheServedKindsWithShortNames() {
        String out = API.kubectl("api-resources").ok().out();
        assertThat(out).containsPattern("pods\\s+po\\s+v1\\s+true\\s+Pod");
        assertThat(out).containsPattern("configmaps\\s+cm\\s+v1\\s+true\\s+ConfigMap");
        assertThat(out).containsPattern("namespaces\\s+ns\\s+v1\\s+false\\s+Namespace");
        assertThat(out).containsPattern("nodes\\s+no\\s+v1\\s+false\\s+Node");
        assertThat(out).containsPattern("events\\s+ev\\s+v1\\s+true\\s+Event");
        assertThat(out).containsPattern("secrets\\s+v1\\s+true\\s+Secret");
        assertThat(out).containsPattern("leases\\s+coordination.k8s.io/v1\\s+true\\s+Lease");
    }

    @Test
    void versionReportsTheKubernetesReleaseFollowed() {
        assertThat(API.kubectl("version").ok().out()).contains("Server Version: v1.32.0+pod4j");
    }

    @Test
    void getNamespacesShowsTheSystemNamespacesActive() {
        JsonNode list = json(API.kubectl("get", "ns", "-o", "json").ok().out());
        List<String> names = new ArrayList<>();
        list.path("items").forEach(n -> {
            names.add(n.path("metadata").path("name").asText());
            assertThat(n.path("status").path("phase").asText()).isEqualTo("Active");
        });
        assertThat(names).contains("default", "kube-system", "kube-public", "kube-node-lease");
    }

    @Test
    void getNodeShowsTheEngineNode() {
        assertThat(API.kubectl("get", "nodes", "-o", "name").ok().out().strip())
                .isEqualTo("node/" + API.engine().nodeName());
    }

    @Test
    void createdPodRunsAndReadsBackAsYamlJsonAndJsonpath() {
        createReady("read-me", "app: read-me");
        assertThat(API.kubectl("get", "pod", "read-me", "-o", "yaml").ok().out())
                .contains("name: read-me", "phase: Running");
        JsonNode pod = json(API.kubectl("get", "pod", "read-me", "-o", "json").ok().out());
        assertThat(pod.path("status").path("containerStatuses").get(0).path("ready").asBoolean()).isTrue();
        assertThat(API.kubectl("get", "pod", "read-me", "-o", "jsonpath={.spec.containers[0].image}").ok().out())
                .isEqualTo(Manifests.IMAGE);
        assertThat(API.kubectl("get", "pods", "-o", "wide").ok().out()).contains("read-me");
    }

    @Test
    void selectorsFilterTheList() {
        createReady("sel-a", "tier: a");
        create(Manifests.pod("sel-b", "tier: b"));
        assertThat(API.kubectl("get", "pods", "-l", "tier=a", "-o", "name").ok().out().strip()).isEqualTo("pod/sel-a");
        assertThat(API.kubectl("get", "pods", "-A", "-l", "tier in (a,b)", "-o", "name").ok().out().lines())
                .containsExactly("pod/sel-a", "pod/sel-b");
        assertThat(API.kubectl("get", "pods", "--field-selector", "metadata.name=sel-b", "-o", "name").ok().out().strip())
                .isEqualTo("pod/sel-b");
    }

    @Test
    void aListInChunksReturnsEveryItem() {
        for (int i = 0; i < 5; i++) {
            API.kubectlWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: chunk-" + i + "\n",
                    "create", "-f", "-").ok();
        }
        assertThat(API.kubectl("get", "configmaps", "--chunk-size=2", "-o", "name").ok().out().lines()
                .filter(l -> l.startsWith("configmap/chunk-"))).hasSize(5);
    }

    @Test
    void anUnknownFieldIsRefusedUnderStrictAndDroppedWithoutValidation() {
        String typo = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typo\ndatta: {}\n";
        // kubectl finds fieldValidation in the OpenAPI document and the server refuses (Strict).
        assertThat(API.kubectlWithInput(typo, "create", "--validate=strict", "-f", "-").exitCode()).isNotZero();
        API.kubectlWithInput(typo, "create", "--validate=false", "-f", "-").ok(); // fieldValidation=Ignore
        assertThat(API.kubectl("get", "cm", "typo", "-o", "yaml").ok().out()).doesNotContain("datta");
    }

    @Test
    void typedCreatesSentAsProtobufWork() {
        API.kubectl("create", "namespace", "typed").ok();
        API.kubectl("create", "configmap", "typed-cm", "-n", "typed", "--from-literal=a=b").ok();
        API.kubectl("create", "secret", "generic", "typed-secret", "-n", "typed", "--from-literal=pw=s3cret").ok();
        assertThat(API.kubectl("get", "cm", "typed-cm", "-n", "typed", "-o", "jsonpath={.data.a}").ok().out()).isEqualTo("b");
        assertThat(API.kubectl("get", "secret", "typed-secret", "-n", "typed", "-o", "jsonpath={.data.pw}").ok().out())
                .isEqualTo("czNjcmV0");
    }

    @Test
    void runStartsAPodThatRunsToCompletion() {
        API.kubectl("run", "once", "--image=" + Manifests.IMAGE, "--restart=Never", "--env=WHO=pod4j", "--command", "--",
                "sh", "-c", "echo hello $WHO").ok();
        API.kubectl("wait", "--for=jsonpath={.status.phase}=Succeeded", "pod/once", "--timeout=60s").ok();
        assertThat(API.kubectl("logs", "once").ok().out()).isEqualTo("hello pod4j\n");
    }

    @Test
    void applyCreatesThenPatchesWhatChanged() {
        String v1 = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  a: \"1\"\n";
        assertThat(API.kubectlWithInput(v1, "apply", "-f", "-").ok().out()).contains("created");
        String v2 = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  a: \"2\"\n  b: \"3\"\n";
        assertThat(API.kubectlWithInput(v2, "apply", "-f", "-").ok().out()).contains("configured");
        JsonNode cm = json(API.kubectl("get", "cm", "applied", "-o", "json").ok().out());
        assertThat(cm.path("data").path("a").asText()).isEqualTo("2");
        assertThat(cm.path("data").path("b").asText()).isEqualTo("3");
        assertThat(cm.path("metadata").path("annotations").has("kubectl.kubernetes.io/last-applied-configuration")).isTrue();
    }

    @Test
    void labelAndAnnotateChangeTheMetadata() {
        create(Manifests.pod("meta", "app: meta"));
        API.kubectl("label", "pod", "meta", "tier=web").ok();
        API.kubectl("annotate", "pod", "meta", "note=hello").ok();
        API.kubectl("label", "pod", "meta", "app-").ok();
        JsonNode meta = json(API.kubectl("get", "pod", "meta", "-o", "json").ok().out()).path("metadata");
        assertThat(meta.path("labels").path("tier").asText()).isEqualTo("web");
        assertThat(meta.path("labels").has("app")).isFalse();
        assertThat(meta.path("annotations").path("note").asText()).isEqualTo("hello");
    }

    @Test
    void patchOfEachTypeApplies() {
        create(Manifests.pod("patched", "app: patched"));
        API.kubectl("patch", "pod", "patched", "-p", "{\"metadata\":{\"labels\":{\"s\":\"1\"}}}").ok();
        API.kubectl("patch", "pod", "patched", "--type=merge", "-p", "{\"metadata\":{\"labels\":{\"m\":\"2\"}}}").ok();
        API.kubectl("patch", "pod", "patched", "--type=json", "-p",
                "[{\"op\":\"add\",\"path\":\"/metadata/labels/j\",\"value\":\"3\"}]").ok();
        JsonNode labels = json(API.kubectl("get", "pod", "patched", "-o", "json").ok().out()).path("metadata").path("labels");
        assertThat(labels.path("s").asText() + labels.path("m").asText() + labels.path("j").asText()).isEqualTo("123");
    }

    @Test
    void aPatchWithAnUnknownFieldWarnsAndStoresNothingOfIt() {
        API.kubectl("create", "configmap", "patch-typo", "--from-literal=a=b").ok();
        var r = API.kubectl("patch", "cm", "patch-typo", "--type=merge", "-p", "{\"datta\":{\"x\":\"y\"},\"data\":{\"c\":\"d\"}}")
                .ok();
        assertThat(r.err()).contains("Warning: unknown field \"datta\"");
        String stored = API.kubectl("get", "cm", "patch-typo", "-o", "json").ok().out();
        assertThat(stored).doesNotContain("datta").contains("\"c\": \"d\"");
    }

    @Test
    void aForbiddenPodChangeIsRefusedInTheApiServersWords() {
        create(Manifests.pod("immutable", "app: immutable"));
        var r = API.kubectl("patch", "pod", "immutable", "--type=merge", "-p", "{\"spec\":{\"restartPolicy\":\"Never\"}}");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("Pod \"immutable\" is invalid: spec: Forbidden: pod updates may not change fields");
    }

    @Test
    void deleteWithAGracePeriodWaitsUntilThePodIsGone() {
        createReady("graceful", "app: graceful");
        assertThat(API.kubectl("delete", "pod", "graceful", "--grace-period=2").ok().out()).contains("pod \"graceful\" deleted");
        assertThat(podExists("default", "graceful")).isFalse();
    }

    @Test
    void forceDeleteRemovesThePodAtOnce() {
        create(Manifests.pod("forced", "app: forced"));
        var r = API.kubectl("delete", "pod", "forced", "--force", "--grace-period=0").ok();
        assertThat(r.err()).contains("Immediate deletion does not wait for confirmation");
        assertThat(podExists("default", "forced")).isFalse();
    }

    @Test
    void deleteBySelectorAndAllInANamespace() {
        API.kubectlWithInput("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: sweep\n", "create",
                "-f", "-").ok();
        create(Manifests.pod("sw-a", "group: g1"), "-n", "sweep");
        create(Manifests.pod("sw-b", "group: g2"), "-n", "sweep");
        create(Manifests.pod("sw-c", "group: g2"), "-n", "sweep");
        assertThat(API.kubectl("delete", "pods", "-n", "sweep", "-l", "group=g2", "--grace-period=1").ok().out())
                .contains("pod \"sw-b\" deleted", "pod \"sw-c\" deleted");
        assertThat(API.kubectl("delete", "pods", "-n", "sweep", "--all", "--grace-period=1").ok().out())
                .contains("pod \"sw-a\" deleted");
        assertThat(API.kubectl("get", "pods", "-n", "sweep", "-o", "name").ok().out()).isEmpty();
    }

    @Test
    void deletingANamespaceDeletesItsContentsThenItself() {
        API.kubectlWithInput("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: doomed\n", "create",
                "-f", "-").ok();
        create(Manifests.pod("inside", "app: inside"), "-n", "doomed");
        API.kubectlWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n", "create",
                "-n", "doomed", "-f", "-").ok();
        API.kubectl("delete", "namespace", "doomed", "--timeout=60s").ok();
        assertThat(API.kubectl("get", "namespace", "doomed").err()).contains("namespaces \"doomed\" not found");
        assertThat(podExists("doomed", "inside")).isFalse();
    }

    @Test
    void nothingNewIsCreatedInANamespaceBeingDeleted() {
        API.kubectl("create", "namespace", "closing").ok();
        create("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: stubborn
                spec:
                  terminationGracePeriodSeconds: 10
                  containers:
                  - name: app
                    image: %s
                    command: ["sh", "-c", "trap '' TERM; while true; do sleep 1; done"]
                """.formatted(Manifests.IMAGE), "-n", "closing");
        API.kubectl("wait", "--for=condition=Ready", "pod/stubborn", "-n", "closing", "--timeout=60s").ok();
        API.kubectl("delete", "namespace", "closing", "--wait=false").ok();
        assertThat(API.kubectl("get", "namespace", "closing", "-o", "jsonpath={.status.phase}").ok().out())
                .isEqualTo("Terminating");
        // the namespace controller's condition while the pod takes its grace period, in its words
        assertThat(API.kubectl("get", "namespace", "closing", "-o",
                "jsonpath={.status.conditions[?(@.type==\"NamespaceContentRemaining\")].message}").ok().out())
                .isEqualTo("Some resources are remaining: pods. has 1 resource instances");
        // kubectl describe namespace, as against a cluster
        assertThat(API.kubectl("describe", "namespace", "closing").ok().out())
                .startsWith("Name:         closing\nLabels:       kubernetes.io/metadata.name=closing\n"
                        + "Annotations:  <none>\nStatus:       Terminating\n");
        var r = API.kubectl("create", "configmap", "late", "-n", "closing");
        assertThat(r.err()).contains("configmaps \"late\" is forbidden: unable to create new content in namespace "
                + "closing because it is being terminated");
        API.kubectl("wait", "--for=delete", "namespace/closing", "--timeout=60s").ok();
    }

    @Test
    void aNewNamespaceIsHeldByTheKubernetesFinalizerInItsSpec() {
        API.kubectl("create", "namespace", "held-by-spec").ok();
        assertThat(API.kubectl("get", "namespace", "held-by-spec", "-o", "jsonpath={.spec.finalizers}").ok().out())
                .isEqualTo("[\"kubernetes\"]");
    }

    @Test
    void aTerminatingNamespaceWhoseFinalizersAreRemovedThroughFinalizeIsGoneAtOnce() {
        API.kubectl("create", "namespace", "stuck").ok();
        API.kubectlWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept\n  finalizers: [example.com/keep]\n",
                "create", "-n", "stuck", "-f", "-").ok();
        API.kubectl("delete", "namespace", "stuck", "--wait=false").ok();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> API.kubectl("get", "namespace", "stuck", "-o",
                "jsonpath={.status.conditions[?(@.type==\"NamespaceFinalizersRemaining\")].message}").ok().out()
                .equals("Some content in the namespace has finalizers remaining: example.com/keep in 1 resource instances"));

        // the well-known way out of a stuck namespace: its finalize subresource, without the finalizer
        API.kubectlWithInput("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"stuck\"},"
                + "\"spec\":{\"finalizers\":[]}}", "replace", "--raw", "/api/v1/namespaces/stuck/finalize", "-f", "-").ok();

        assertThat(API.kubectl("get", "namespace", "stuck").err()).contains("namespaces \"stuck\" not found");
        var kept = API.engine().store().get(ResourceTypes.CONFIG_MAPS, "stuck", "kept");
        kept.getMetadata().setFinalizers(List.of());
        kept.getMetadata().setResourceVersion(null);
        API.engine().store().update(kept); // the content a cluster would leave behind, removed
    }

    @Test
    void nothingIsCreatedInANamespaceThatDoesNotExist() {
        var r = API.kubectlWithInput(Manifests.pod("nowhere", "a: b"), "create", "-n", "ghost",
                "-f", "-");
        assertThat(r.err()).contains("namespaces \"ghost\" not found");
    }

    @Test
    void logsPrintTailAndChosenContainer() {
        createReady("talker", "app: talker");
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> API.kubectl("logs", "talker").out().contains("line 2"));
        assertThat(API.kubectl("logs", "talker").ok().out()).startsWith("hello talker\nline 0\n");
        assertThat(API.kubectl("logs", "talker", "--tail=1").ok().out().lines()).hasSize(1);
        create(Manifests.twoContainers("duo"));
        API.kubectl("wait", "--for=condition=Ready", "pod/duo", "--timeout=60s").ok();
        assertThat(API.kubectl("logs", "duo", "-c", "two").ok().out()).isEqualTo("from two\n");
        assertThat(API.kubectl("logs", "duo", "-c", "three").err()).contains("container three is not valid for pod duo");
    }

    @Test
    void logsHonourLimitBytesTimestampsAndSince() {
        createReady("stamped", "app: stamped");
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> API.kubectl("logs", "stamped").out().contains("line 1"));
        assertThat(API.kubectl("logs", "stamped", "--limit-bytes=5").ok().out()).isEqualTo("hello");
        assertThat(API.kubectl("logs", "stamped", "--timestamps", "--tail=1").ok().out())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z line \\d+\n");
        assertThat(API.kubectl("logs", "stamped", "--since=1h").ok().out()).startsWith("hello stamped\n");
    }

    @Test
    void previousLogsAreThoseOfTheContainerBeforeItsRestart() {
        create("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: restarter
                spec:
                  containers:
                  - name: app
                    image: %s
                    command: ["sh", "-c", "echo started at $(date +%%s%%N); sleep 1; exit 3"]
                """.formatted(Manifests.IMAGE));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> API.kubectl("get", "pod", "restarter", "-o",
                "jsonpath={.status.containerStatuses[0].restartCount}").out().matches("[1-9]\\d*"));
        String previous = API.kubectl("logs", "restarter", "-p").ok().out();
        assertThat(previous).startsWith("started at ");
        var none = API.kubectl("logs", "read-nothing-here-p", "-p");
        assertThat(none.err()).contains("pods \"read-nothing-here-p\" not found");
    }

    @Test
    void logsFollowStreamsNewLines() throws Exception {
        createReady("follower", "app: follower");
        Path out = Files.createTempFile("follow", ".out");
        Process p = new ProcessBuilder("kubectl", "--kubeconfig", API.server().kubeconfig().toString(), "logs", "-f",
                "follower").redirectOutput(out.toFile()).redirectErrorStream(true).start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                String text = Files.readString(out, StandardCharsets.UTF_8);
                return text.contains("line 3");
            });
            assertThat(p.isAlive()).isTrue();
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(out);
        }
    }

    @Test
    void getWatchPrintsChangesAsTheyHappen() throws Exception {
        create(Manifests.pod("watched", "app: watched"));
        Path out = Files.createTempFile("watch", ".out");
        Process p = new ProcessBuilder("kubectl", "--kubeconfig", API.server().kubeconfig().toString(), "get", "pod",
                "watched", "-w", "-o", "jsonpath={.metadata.labels.step}{\"\\n\"}")
                .redirectOutput(out.toFile()).redirectErrorStream(true).start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Files.size(out) > 0);
            API.kubectl("label", "pod", "watched", "step=two").ok();
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> Files.readString(out).lines().anyMatch("two"::equals));
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(out);
        }
    }
}
