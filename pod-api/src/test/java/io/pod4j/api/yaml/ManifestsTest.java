package io.pod4j.api.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pod4j.api.error.ManifestException;
import io.pod4j.api.error.ManifestProblem;
import io.pod4j.api.error.ManifestSyntaxException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.pod4j.api.build.Pods;
import io.pod4j.api.build.Probes;
import io.pod4j.api.build.Timestamps;
import io.pod4j.api.error.StrictDecodingException;
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
        List<HasMetadata> loaded = Manifests.loadResource("manifests/" + fixture);
        String yaml = Manifests.toYaml(loaded);
        assertThat(Manifests.load(yaml)).isEqualTo(loaded);
        assertThat(Manifests.toYaml(Manifests.load(yaml))).isEqualTo(yaml);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void roundTripsEveryFixtureThroughJson(String fixture) {
        List<HasMetadata> loaded = Manifests.loadResource("manifests/" + fixture);
        for (HasMetadata object : loaded) {
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
        assertThat(p.message()).isEqualTo("unknown field \"metadata.annotation\"");
        assertThat(p.hint()).isEqualTo("did you mean \"annotations\"?");
        assertThat(p.toString()).isEqualTo("classpath:faults/annotation-typo.yaml:7:3: unknown field \"metadata.annotation\"\n"
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
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: web
                  namespace: shop
                spec:
                  minAvailable: 1
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: api
                """;
        List<UnsupportedObject> left = new java.util.ArrayList<>();
        List<HasMetadata> objects = Manifests.strict().leavingOut(left::add).read("web.yaml", yaml);
        assertThat(objects).extracting(HasMetadata::getKind).containsExactly("Pod");
        assertThat(left).extracting(UnsupportedObject::source, UnsupportedObject::line, UnsupportedObject::apiVersion,
                UnsupportedObject::kind, UnsupportedObject::namespace, UnsupportedObject::name).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("web.yaml", 11, "policy/v1", "PodDisruptionBudget", "shop", "web"),
                        org.assertj.core.groups.Tuple.tuple("web.yaml", 19, "networking.k8s.io/v1", "Ingress", "", "api"));
        assertThat(left.get(0).object().getAdditionalProperties()).containsKey("spec");
        assertThat(left.get(1).kubectlMessage()).isEqualTo("resource mapping not found for name: \"api\" namespace: \"\""
                + " from \"web.yaml\": no matches for kind \"Ingress\" in version \"networking.k8s.io/v1\"");
    }

    @Test
    void countsAnUnsupportedKindAsAnErrorUnlessAskedToLeaveItOut() {
        String yaml = """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: web
                """;
        assertThatThrownBy(() -> Manifests.strict().read("ing.yaml", yaml)).isInstanceOf(ManifestException.class)
                .hasMessageContaining("ing.yaml:2:1").hasMessageContaining("kind Ingress is not supported");
    }

    @Test
    void readsAServiceWithItsEndpointsAndEndpointSlice() {
        List<HasMetadata> objects = Manifests.load("""
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: web}
                  ports: [{port: 80, targetPort: 8080}]
                ---
                apiVersion: v1
                kind: Endpoints
                metadata: {name: web}
                subsets: [{addresses: [{ip: 10.0.0.1}], ports: [{port: 8080}]}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: web-1}
                addressType: IPv4
                endpoints: [{addresses: [10.0.0.1]}]
                """);
        assertThat(objects).extracting(o -> o.getClass().getSimpleName())
                .containsExactly("Service", "Endpoints", "EndpointSlice");
        var svc = (io.fabric8.kubernetes.api.model.Service) objects.get(0);
        assertThat(svc.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(8080);
    }

    @Test
    void lenientLoaderIgnoresUnknownFields() {
        List<HasMetadata> objects = Manifests.lenient().readResource("faults/annotation-typo.yaml");
        Pod pod = (Pod) objects.get(0);
        assertThat(pod.getMetadata().getAnnotations()).isEmpty();
        assertThat(pod.getMetadata().getAdditionalProperties()).as("dropped, not kept").isEmpty();
    }

    @Test
    void keepsObjectsAsWrittenLeavingDefaultsAndValidationToAdmission() {
        Pod pod = Manifests.loadPod("""
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
                """);

        assertThat(pod.getMetadata().getName()).isEqualTo("Bad_Name");
        assertThat(pod.getMetadata().getNamespace()).as("an absent namespace stays absent").isNull();
        assertThat(pod.getSpec().getRestartPolicy()).isNull();
        assertThat(pod.getSpec().getContainers().get(0).getImagePullPolicy()).isNull();
    }

    @Test
    void tellsAnExplicitDefaultNamespaceFromAMissingOne() {
        String pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p%s}\nspec: {containers: [{name: c, image: x}]}\n";

        assertThat(Manifests.loadPod(pod.formatted(", namespace: default")).getMetadata().getNamespace()).isEqualTo("default");
        assertThat(Manifests.loadPod(pod.formatted("")).getMetadata().getNamespace()).isNull();
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
        assertThatThrownBy(() -> Manifests.load("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: d}\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("kind Ingress is not supported (supported: Pod, ConfigMap, Secret, Namespace,"
                        + " Node, Event, Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, Service, Endpoints,"
                        + " EndpointSlice, PersistentVolumeClaim, PersistentVolume, StorageClass, ControllerRevision, List)");
    }

    @Test
    void readsWorkloadKindsIntoTheirModelClasses() {
        List<HasMetadata> objects = Manifests.load("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: "25%"}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: busybox}]}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: once}
                spec:
                  completions: 5
                  template:
                    spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}
                """);
        assertThat(objects.get(0)).isInstanceOf(io.fabric8.kubernetes.api.model.apps.Deployment.class);
        assertThat(((io.fabric8.kubernetes.api.model.apps.Deployment) objects.get(0)).getSpec().getStrategy()
                .getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(1);
        assertThat(objects.get(1)).isInstanceOf(io.fabric8.kubernetes.api.model.batch.v1.Job.class);
    }

    @Test
    void refusesAWorkloadKindInAnotherVersion() {
        assertThatThrownBy(() -> Manifests.load("apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("no matches for kind \"Deployment\" in version \"extensions/v1beta1\"")
                .hasMessageContaining("use \"apiVersion: apps/v1\"");
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
        Pod fromJava = Pods.named("web")
                .label("app", "web")
                .container("httpd", c -> c.image("pod4j-test/busybox:1").port(8080).readinessProbe(Probes.tcpSocket(8080)))
                .build();
        assertThat(fromJava).isEqualTo(fromYaml);
    }

    @Test
    void readsEveryKindOfAMultiDocumentFile() {
        List<HasMetadata> objects = Manifests.loadResource("manifests/config-env-volumes.yaml");
        assertThat(objects).hasSize(3);
        assertThat(objects.get(0)).isInstanceOf(ConfigMap.class);
        assertThat(objects.get(1)).isInstanceOf(Secret.class);
        assertThat(((Secret) objects.get(1)).getStringData()).containsEntry("token", "plain-token");
        assertThat(objects.get(2)).isInstanceOf(Pod.class);
    }

    @Test
    void flattensListKind() {
        assertThat(Manifests.loadResource("manifests/list-of-pods.yaml"))
                .extracting(o -> o.getMetadata().getName()).containsExactly("one", "two");
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
        assertThat(Manifests.load(dir)).extracting(o -> o.getMetadata().getName()).containsExactly("a", "b", "c");
    }

    @Test
    void writesYamlWithSortedKeysLikeKubectl() {
        Pod pod = Pods.named("web").label("b", "2").label("a", "1")
                .container("c", c -> c.image("x:1")).build();
        String yaml = Manifests.toYaml(pod);
        assertThat(yaml).startsWith("apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    a: \"1\"\n    b: \"2\"\n  name: web\n");
    }

    @Test
    void quotesTimestampsInYamlLikeKubectl() {
        Pod pod = Pods.named("web").annotation("note", "plain text").container("c", c -> c.image("x:1"))
                .metadata(m -> m.setCreationTimestamp(Timestamps.time(java.time.Instant.parse("2026-11-24T09:52:36.789Z"))))
                .build();
        String yaml = Manifests.toYaml(pod);
        assertThat(yaml).contains("creationTimestamp: \"2026-11-24T09:52:36Z\"\n").contains("note: plain text\n");
        assertThat(Timestamps.parse(Manifests.loadPod(yaml).getMetadata().getCreationTimestamp()))
                .isEqualTo(java.time.Instant.parse("2026-11-24T09:52:36Z"));
    }
}
