package io.pod4j.api.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pod4j.api.error.ManifestException;
import io.pod4j.api.error.ManifestProblem;
import io.pod4j.api.error.ManifestSyntaxException;
import io.pod4j.api.error.ManifestValidationException;
import io.pod4j.api.model.ConfigMap;
import io.pod4j.api.model.KubeObject;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.Probe;
import io.pod4j.api.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestsTest {

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/manifests"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static ManifestProblem onlyProblem(String resource) {
        try {
            Manifests.loadResource(resource);
        } catch (ManifestException e) {
            assertThat(e.problems()).hasSize(1);
            return e.problems().get(0);
        }
        throw new AssertionError(resource + " loaded without error");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void roundTripsEveryFixtureThroughYaml(String fixture) {
        List<KubeObject> loaded = Manifests.loadResource("manifests/" + fixture);
        String yaml = Manifests.toYaml(loaded);
        assertThat(Manifests.load(yaml)).isEqualTo(loaded);
        assertThat(Manifests.toYaml(Manifests.load(yaml))).isEqualTo(yaml);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void roundTripsEveryFixtureThroughJson(String fixture) {
        List<KubeObject> loaded = Manifests.loadResource("manifests/" + fixture);
        for (KubeObject object : loaded) {
            assertThat(Manifests.load(Manifests.toJson(object))).containsExactly(object);
        }
    }

    @Test
    void reportsTabIndentationWithLineColumnAndEnclosingField() {
        ManifestProblem p = onlyProblem("faults/tab-indent.yaml");
        assertThat(p.line()).isEqualTo(8);
        assertThat(p.column()).isEqualTo(1);
        assertThat(p.message()).isEqualTo("tab character in indentation");
        assertThat(p.path()).isEqualTo("spec.containers");
        assertThat(p.hint()).contains("spaces");
    }

    @Test
    void reportsKeyWithoutColonAndSaysToAddIt() {
        ManifestProblem p = onlyProblem("faults/missing-colon.yaml");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.column()).isEqualTo(1);
        assertThat(p.message()).isEqualTo("expected \"key: value\", found \"metadata\"");
        assertThat(p.hint()).isEqualTo("add ':' after \"metadata\"");
    }

    @Test
    void reportsMisspeltAnnotationsWithDidYouMean() {
        ManifestProblem p = onlyProblem("faults/annotation-typo.yaml");
        assertThat(p.source()).isEqualTo("classpath:faults/annotation-typo.yaml");
        assertThat(p.line()).isEqualTo(7);
        assertThat(p.column()).isEqualTo(3);
        assertThat(p.path()).isEqualTo("metadata.annotation");
        assertThat(p.message()).isEqualTo("unknown field \"annotation\"");
        assertThat(p.hint()).isEqualTo("did you mean \"annotations\"?");
        assertThat(p.toString()).isEqualTo("classpath:faults/annotation-typo.yaml:7:3: unknown field \"annotation\"\n"
                + "  at: metadata.annotation\n  hint: did you mean \"annotations\"?");
    }

    @Test
    void leavesOutKindsPodsDoNotNeedAndNamesEachWhereItIs() {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - name: web
                    image: busybox
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  namespace: shop
                spec:
                  ports:
                  - port: 80
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                """;
        List<UnsupportedObject> left = new java.util.ArrayList<>();
        List<KubeObject> objects = Manifests.strict().leavingOut(left::add).read("web.yaml", yaml);
        assertThat(objects).extracting(KubeObject::kind).containsExactly("Pod");
        assertThat(left).containsExactly(new UnsupportedObject("web.yaml", 11, "v1", "Service", "shop", "web"),
                new UnsupportedObject("web.yaml", 20, "apps/v1", "Deployment", "", "api"));
        assertThat(left.get(1).kubectlMessage()).isEqualTo("resource mapping not found for name: \"api\" namespace: \"\""
                + " from \"web.yaml\": no matches for kind \"Deployment\" in version \"apps/v1\"");
    }

    @Test
    void countsAnUnsupportedKindAsAnErrorUnlessAskedToLeaveItOut() {
        String yaml = """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                """;
        assertThatThrownBy(() -> Manifests.strict().read("svc.yaml", yaml)).isInstanceOf(ManifestException.class)
                .hasMessageContaining("svc.yaml:2:1").hasMessageContaining("kind Service is not supported");
    }

    @Test
    void lenientLoaderIgnoresUnknownFields() {
        List<KubeObject> objects = Manifests.lenient().readResource("faults/annotation-typo.yaml");
        assertThat(((Pod) objects.get(0)).metadata().annotations()).isEmpty();
    }

    @Test
    void collectsEveryValidationProblemWithItsLine() {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: Bad_Name
                spec:
                  containers:
                  - name: app
                    image: x
                    ports:
                    - containerPort: 70000
                  - name: app
                    livenessProbe:
                      successThreshold: 2
                      exec: {command: ["true"]}
                      tcpSocket: {port: 80}
                """;
        assertThatThrownBy(() -> Manifests.load(yaml))
                .isInstanceOf(ManifestValidationException.class)
                .satisfies(e -> {
                    List<ManifestProblem> problems = ((ManifestException) e).problems();
                    assertThat(problems).extracting(ManifestProblem::path).contains(
                            "metadata.name", "spec.containers[0].ports[0].containerPort", "spec.containers[1].name",
                            "spec.containers[1].image", "spec.containers[1].livenessProbe",
                            "spec.containers[1].livenessProbe.successThreshold");
                    ManifestProblem port = problems.stream()
                            .filter(p -> p.path().equals("spec.containers[0].ports[0].containerPort")).findFirst().orElseThrow();
                    assertThat(port.line()).isEqualTo(10);
                    assertThat(port.message()).contains("must be between 1 and 65535, inclusive");
                    ManifestProblem dup = problems.stream()
                            .filter(p -> p.path().equals("spec.containers[1].name")).findFirst().orElseThrow();
                    assertThat(dup.message()).isEqualTo("spec.containers[1].name: Duplicate value: \"app\"");
                });
    }

    @Test
    void rejectsNumberWhereKubernetesWantsAString() {
        String yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    version: 2\n"
                + "spec:\n  containers:\n  - {name: c, image: x}\n";
        assertThatThrownBy(() -> Manifests.load(yaml))
                .isInstanceOf(ManifestSyntaxException.class)
                .hasMessageContaining("<string>:6:")
                .hasMessageContaining("metadata.labels.version");
    }

    @Test
    void rejectsUnsupportedKindNamingTheSupportedOnes() {
        assertThatThrownBy(() -> Manifests.load("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("kind Deployment is not supported (supported: Pod, ConfigMap, Secret, List)");
    }

    @Test
    void appliesTheApiServersDefaults() {
        Pod pod = Manifests.loadPod("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
                + "  - name: c\n    image: busybox\n    ports: [{containerPort: 80}]\n"
                + "    readinessProbe: {httpGet: {port: 80}}\n  - {name: d, image: 'busybox:1.36'}\n");
        assertThat(pod.metadata().namespace()).isEqualTo("default");
        assertThat(pod.spec().restartPolicy()).isEqualTo("Always");
        assertThat(pod.spec().terminationGracePeriodSeconds()).isEqualTo(30L);
        assertThat(pod.spec().dnsPolicy()).isEqualTo("ClusterFirst");
        assertThat(pod.spec().containers().get(0).imagePullPolicy()).isEqualTo("Always");
        assertThat(pod.spec().containers().get(1).imagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(pod.spec().containers().get(0).ports().get(0).protocol()).isEqualTo("TCP");
        assertThat(pod.spec().containers().get(0).terminationMessagePath()).isEqualTo("/dev/termination-log");
        assertThat(pod.spec().containers().get(0).terminationMessagePolicy()).isEqualTo("File");
        Probe probe = pod.spec().containers().get(0).readinessProbe();
        assertThat(List.of(probe.periodSeconds(), probe.timeoutSeconds(), probe.successThreshold(), probe.failureThreshold()))
                .containsExactly(10, 1, 1, 3);
        assertThat(probe.httpGet().path()).isEqualTo("/");
        assertThat(probe.httpGet().scheme()).isEqualTo("HTTP");
    }

    @Test
    void javaBuilderAndYamlGiveEqualPods() {
        Pod fromYaml = Manifests.loadPod("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  labels: {app: web}
                spec:
                  containers:
                  - name: httpd
                    image: pod4j-test/busybox:1
                    ports: [{containerPort: 8080}]
                    readinessProbe: {tcpSocket: {port: 8080}}
                """);
        Pod fromJava = Pod.named("web")
                .label("app", "web")
                .container("httpd", c -> c.image("pod4j-test/busybox:1").port(8080).readinessProbe(Probe.tcpSocket(8080)))
                .build();
        assertThat(fromJava).isEqualTo(fromYaml);
    }

    @Test
    void readsEveryKindOfAMultiDocumentFile() {
        List<KubeObject> objects = Manifests.loadResource("manifests/config-env-volumes.yaml");
        assertThat(objects).hasSize(3);
        assertThat(objects.get(0)).isInstanceOf(ConfigMap.class);
        assertThat(objects.get(1)).isInstanceOf(Secret.class);
        assertThat(((Secret) objects.get(1)).stringData()).containsEntry("token", "plain-token");
        assertThat(objects.get(2)).isInstanceOf(Pod.class);
    }

    @Test
    void flattensListKind() {
        assertThat(Manifests.loadResource("manifests/list-of-pods.yaml"))
                .extracting(o -> o.metadata().name()).containsExactly("one", "two");
    }

    @Test
    void readsADirectoryInNameOrderSkippingDotfilesAndOtherExtensions(@TempDir Path dir) throws IOException {
        String pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: %s}\nspec: {containers: [{name: c, image: x}]}\n";
        Files.writeString(dir.resolve("b.yml"), pod.formatted("b"));
        Files.writeString(dir.resolve("a.yaml"), pod.formatted("a"));
        Files.writeString(dir.resolve("c.json"), "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"c\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}");
        Files.writeString(dir.resolve(".hidden.yaml"), pod.formatted("hidden"));
        Files.writeString(dir.resolve("notes.txt"), "not a manifest");
        assertThat(Manifests.load(dir)).extracting(o -> o.metadata().name()).containsExactly("a", "b", "c");
    }

    @Test
    void writesYamlWithSortedKeysLikeKubectl() {
        Pod pod = Pod.named("web").label("b", "2").label("a", "1")
                .container("c", c -> c.image("x:1")).build();
        String yaml = Manifests.toYaml(pod);
        assertThat(yaml).startsWith("apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    a: \"1\"\n    b: \"2\"\n  name: web\n");
    }

    @Test
    void quotesTimestampsInYamlLikeKubectl() {
        Pod pod = Pod.named("web").container("c", c -> c.image("x:1")).build();
        pod = pod.withMetadata(pod.metadata().toBuilder().creationTimestamp(java.time.Instant.parse("2026-11-24T09:52:36Z"))
                .putAnnotations("note", "plain text").build());
        String yaml = Manifests.toYaml(pod);
        assertThat(yaml).contains("creationTimestamp: \"2026-11-24T09:52:36Z\"\n").contains("note: plain text\n");
        assertThat(Manifests.loadPod(yaml).metadata().creationTimestamp()).isEqualTo(java.time.Instant.parse("2026-11-24T09:52:36Z"));
    }
}
