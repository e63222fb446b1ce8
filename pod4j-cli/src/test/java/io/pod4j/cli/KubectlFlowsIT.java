package io.pod4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seeds' kubectl flows, run through the real {@code ./pod4j}: every command is a separate
 * process, so each test also shows pods started by one process being seen, labelled and deleted
 * by others. Each test works in a namespace of its own.
 */
class KubectlFlowsIT {

    private static Pod4jProcess pod4j;
    private static final String SHOP = Path.of("src/test/resources/cli/shop.yaml").toAbsolutePath().toString();

    @BeforeAll
    static void setUp() {
        pod4j = new Pod4jProcess("flows");
    }

    @AfterAll
    static void tearDown() throws Exception {
        pod4j.cleanUp();
    }

    private static void applyShop(String ns) {
        var r = pod4j.run("apply", "-f", SHOP, "-n", ns);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        var w = pod4j.run("wait", "--for=condition=Ready", "pod/shop-web", "-n", ns, "--timeout=60s");
        assertThat(w.exitCode()).as(w.toString()).isZero();
    }

    @Test
    void appliesAMultiDocumentFileAndListsItsPodsWithLabels() {
        var apply = pod4j.run("apply", "-f", SHOP, "-n", "apply");
        assertThat(apply.stdout()).contains("configmap/shop-config created", "pod/shop-web created", "pod/shop-db created");
        var again = pod4j.run("apply", "-f", SHOP, "-n", "apply");
        assertThat(again.stdout()).contains("pod/shop-web unchanged", "pod/shop-db unchanged");
        var get = pod4j.run("get", "pods", "--show-labels", "-n", "apply");
        assertThat(get.stdout().lines().findFirst().orElseThrow())
                .matches("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+LABELS");
        assertThat(get.stdout()).contains("app=shop,env=prod,tier=web", "app=shop,env=dev");
    }

    @Test
    void showsLabelColumnsAndFiltersBySetBasedSelector() {
        applyShop("select");
        var columns = pod4j.run("get", "pods", "-L", "app,env", "-n", "select");
        assertThat(columns.stdout().lines().findFirst().orElseThrow()).endsWith("APP    ENV");
        var selected = pod4j.run("get", "pods", "-l", "env in (prod),tier", "-n", "select", "-o", "name");
        assertThat(selected.stdout()).isEqualTo("pod/shop-web\n");
    }

    @Test
    void refusesToChangeALabelWithoutOverwriteAndRemovesOneWithKeyMinus() {
        applyShop("label");
        var refused = pod4j.run("label", "pods", "shop-db", "env=prod", "-n", "label");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("error: 'env' already has a value (dev), and --overwrite is false");
        var overwritten = pod4j.run("label", "pods", "shop-db", "env=prod", "--overwrite", "-n", "label");
        assertThat(overwritten.stdout()).contains("pod/shop-db labeled");
        var removed = pod4j.run("label", "pods", "shop-db", "app-", "-n", "label");
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        var get = pod4j.run("get", "pods", "shop-db", "--show-labels", "-n", "label");
        assertThat(get.stdout()).contains("env=prod").doesNotContain("app=shop");
    }

    @Test
    void describesAPodWithContainersConditionsAndEvents() {
        applyShop("describe");
        var d = pod4j.run("describe", "pod", "shop-web", "-n", "describe");
        assertThat(d.stdout()).contains("Name:             shop-web", "Namespace:        describe", "Status:           Running",
                "Containers:", "  web:", "  logger:", "Conditions:", "Ready", "Events:", "Started");
    }

    @Test
    void printsTheLogsOfTheChosenContainer() {
        applyShop("logs");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(pod4j.run("logs", "shop-web", "-c", "logger", "-n", "logs").stdout()).isEqualTo("logger says hi\n"));
    }

    @Test
    void execRunsACommandInTheContainer() {
        applyShop("exec");
        var r = pod4j.run("exec", "shop-db", "-n", "exec", "--", "cat", "/etc/hostname");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("shop-db\n");
    }

    @Test
    void portForwardRelaysHttpToThePod() throws Exception {
        applyShop("forward");
        Process pf = pod4j.start("port-forward", "pod/shop-web", ":8080", "-n", "forward");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(pf.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).startsWith("Forwarding from 127.0.0.1:").endsWith(" -> 8080");
            int port = Integer.parseInt(line.replaceAll("Forwarding from 127.0.0.1:(\\d+) -> 8080", "$1"));
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).contains("<h1>shop</h1>");
        } finally {
            pf.destroy();
            pf.waitFor();
        }
    }

    @Test
    void deletesBySelectorThenAll() {
        applyShop("delete");
        var bySelector = pod4j.run("delete", "pods", "-l", "tier=web", "-n", "delete");
        assertThat(bySelector.stdout()).isEqualTo("pod \"shop-web\" deleted\n");
        assertThat(pod4j.run("get", "pods", "-n", "delete", "-o", "name").stdout()).isEqualTo("pod/shop-db\n");
        var all = pod4j.run("delete", "pods", "--all", "-n", "delete");
        assertThat(all.stdout()).isEqualTo("pod \"shop-db\" deleted\n");
        assertThat(pod4j.run("get", "pods", "-n", "delete").stderr()).contains("No resources found in delete namespace.");
    }

    @Test
    void refusesToApplyAManifestThatSaysDefaultIntoAnotherNamespace() throws Exception {
        Path manifest = manifest("in-default", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: in-default
                  namespace: default
                spec:
                  containers:
                  - name: app
                    image: pod4j-test/busybox:1
                    command: ["sleep", "3600"]
                """);
        var r = pod4j.run("apply", "-f", manifest.toString(), "-n", "elsewhere");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("error: the namespace from the provided object \"default\" does not match the namespace"
                + " \"elsewhere\". You must pass '--namespace=default' to perform this operation.\n");
        assertThat(pod4j.run("get", "pods", "-A", "-o", "name").stdout()).doesNotContain("pod/in-default");
    }

    @Test
    void deletesFromAFileByKindNameAndNamespaceOnlyAndSaysNothingElse() throws Exception {
        applyShop("delete-file");
        // The same Pod as a cluster's manifest might write it: a volume type and a field pod4j does not run,
        // and a Service beside it. kubectl needs only kind, namespace and name to delete.
        Path manifest = manifest("shop-web", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: shop-web
                spec:
                  containers:
                  - name: web
                    image: pod4j-test/busybox:1
                    notAField: true
                  volumes:
                  - name: data
                    persistentVolumeClaim:
                      claimName: data
                  - name: scratch
                    vendorVolume: {}
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: shop
                spec:
                  ports:
                  - port: 80
                """);
        var r = pod4j.run("delete", "-f", manifest.toString(), "-n", "delete-file", "--grace-period=0", "--force");
        assertThat(r.stdout()).isEqualTo("pod \"shop-web\" force deleted\n");
        assertThat(r.stderr()).isEqualTo("Warning: Immediate deletion does not wait for confirmation that the running resource has"
                + " been terminated. The resource may continue to run on the cluster indefinitely.\n"
                + "error: resource mapping not found for name: \"shop\" namespace: \"\" from \"" + manifest + "\": no matches for"
                + " kind \"Service\" in version \"v1\"\n" + io.pod4j.cli.verbs.ManifestFiles.LEFT_OUT + "\n");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(pod4j.run("get", "pods", "-n", "delete-file", "-o", "name").stdout()).isEqualTo("pod/shop-db\n");
    }

    @Test
    void warnsAsTheApiServerDoesOfFieldsThePodKeepsButTheEngineDoesNotActOn() throws Exception {
        Path manifest = manifest("warned", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: warned
                spec:
                  automountServiceAccountToken: false
                  containers:
                  - name: app
                    image: pod4j-test/busybox:1
                    command: ["sleep", "3600"]
                """);
        var r = pod4j.run("apply", "-f", manifest.toString(), "-n", "warned");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("pod/warned created\n");
        assertThat(r.stderr()).isEqualTo("Warning: spec.automountServiceAccountToken: is kept but not acted on by pod4j's local engine\n");
        assertThat(pod4j.run("get", "pod", "warned", "-n", "warned", "-o", "jsonpath={.spec.automountServiceAccountToken}").stdout())
                .isEqualTo("false");
    }

    private static Path manifest(String name, String yaml) throws java.io.IOException {
        Path file = java.nio.file.Files.createTempFile(Path.of("target").toAbsolutePath(), name, ".yaml");
        return java.nio.file.Files.writeString(file, yaml);
    }

    @Test
    void deletesTheConfigMapsAndSecretsOfAFileAndSaysWhenOneIsMissing() throws Exception {
        Path manifest = Files.createTempFile("config", ".yaml");
        Files.writeString(manifest, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                data: {mode: fast}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: token}
                stringData: {value: s3cret}
                """);
        assertThat(pod4j.run("apply", "-f", manifest.toString(), "-n", "delete-config").exitCode()).isZero();

        var deleted = pod4j.run("delete", "-f", manifest.toString(), "-n", "delete-config");
        assertThat(deleted.stdout()).as(deleted.toString()).isEqualTo("configmap \"settings\" deleted\nsecret \"token\" deleted\n");
        var again = pod4j.run("delete", "-f", manifest.toString(), "-n", "delete-config");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).contains("Error from server (NotFound): error when deleting \"" + manifest
                + "\": configmaps \"settings\" not found");
        assertThat(pod4j.run("apply", "-f", manifest.toString(), "-n", "delete-config").stdout())
                .contains("configmap/settings created", "secret/token created");
    }

    @Test
    void reportsAMissingPodAsKubectlDoes() {
        var r = pod4j.run("get", "pod", "nope");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("Error from server (NotFound): pods \"nope\" not found");
    }

    @Test
    void printsAPodForRunWithClientDryRun() {
        var r = pod4j.run("run", "redis", "--image=redis", "--dry-run=client", "-o", "yaml");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("kind: Pod", "name: redis", "run: redis", "image: redis");
    }

    @Test
    void answersAnUnknownVerbWithUsageAndNonZeroExit() {
        var r = pod4j.run("frobnicate");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("See 'pod4j --help' for usage.");
    }
}
