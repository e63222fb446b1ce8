package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.api.model.Capabilities;
import io.pod4j.api.model.ConfigMap;
import io.pod4j.api.model.ConfigMapKeySelector;
import io.pod4j.api.model.ConfigMapVolumeSource;
import io.pod4j.api.model.ContainerStatus;
import io.pod4j.api.model.DownwardAPIVolumeFile;
import io.pod4j.api.model.DownwardAPIVolumeSource;
import io.pod4j.api.model.EmptyDirVolumeSource;
import io.pod4j.api.model.EnvVar;
import io.pod4j.api.model.EnvVarSource;
import io.pod4j.api.model.HostAlias;
import io.pod4j.api.model.HostPathVolumeSource;
import io.pod4j.api.model.KeyToPath;
import io.pod4j.api.model.ObjectFieldSelector;
import io.pod4j.api.model.ObjectMeta;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.PodCondition;
import io.pod4j.api.model.ResourceRequirements;
import io.pod4j.api.model.Secret;
import io.pod4j.api.model.SecretVolumeSource;
import io.pod4j.api.model.SecurityContext;
import io.pod4j.api.model.Volume;
import io.pod4j.api.quantity.Quantity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PodFeaturesIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The first app container's status; an empty one before the pod is scheduled (as on a cluster). */
    private static ContainerStatus app(Pod p) {
        return p.status().containerStatuses().isEmpty()
                ? ContainerStatus.builder().state(io.pod4j.api.model.ContainerState.builder().build()).restartCount(0).build()
                : p.status().containerStatuses().get(0);
    }

    private static PodCondition scheduled(Pod p) {
        return p.status().conditions().stream().filter(c -> c.type().equals("PodScheduled")).findFirst().orElseThrow();
    }

    private static String sh(PodHandle h, String container, String script) {
        ExecResult r = h.exec(container, "sh", "-c", script);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout();
    }

    @Test
    void keepsAPodWithAnUnmatchedNodeSelectorPendingUntilTheNodeGetsTheLabel() {
        Pod pod = Pod.named("wants-ssd").nodeSelector("disktype", "ssd")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod pending = h.await(p -> "Unschedulable".equals(scheduled(p).reason()), "be Unschedulable", WAIT);
            assertThat(pending.status().phase()).isEqualTo("Pending");
            assertThat(scheduled(pending).message())
                    .startsWith("0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.");
            assertThat(h.events()).anySatisfy(e -> assertThat(e.reason()).isEqualTo("FailedScheduling"));
            Map<String, String> labels = new HashMap<>(ENGINE.engine().node().metadata().labels());
            labels.put("disktype", "ssd");
            ENGINE.engine().labelNode(labels);
            Pod running = h.awaitReady(WAIT);
            assertThat(running.spec().nodeName()).isEqualTo(ENGINE.engine().nodeName());
        } finally {
            ENGINE.engine().labelNode(Map.of());
        }
    }

    @Test
    void refusesToScheduleAPodWhoseRequestsDoNotFit() {
        Pod pod = Pod.named("too-big").container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                .resources(ResourceRequirements.builder().putRequests("cpu", Quantity.parse("1000")).build())).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod pending = h.await(p -> "Unschedulable".equals(scheduled(p).reason()), "be Unschedulable", WAIT);
            assertThat(scheduled(pending).message()).startsWith("0/1 nodes are available: 1 Insufficient cpu.");
        }
    }

    @Test
    void exposesTheNodeWithWellKnownLabelsAndCapacity() {
        var node = ENGINE.engine().node();
        assertThat(node.metadata().labels()).containsEntry("kubernetes.io/os", "linux")
                .containsKey("kubernetes.io/arch").containsEntry("kubernetes.io/hostname", ENGINE.engine().nodeName());
        assertThat(node.status().capacity()).containsKeys("cpu", "memory", "pods");
    }

    @Test
    void expandsVariablesAndResolvesFieldAndConfigMapReferences() {
        ENGINE.engine().put(ConfigMap.builder().metadata(ObjectMeta.builder().name("settings").namespace("default").build())
                .putData("LEVEL", "debug").build());
        Pod pod = Pod.named("env-pod").label("team", "blue")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .env("GREETING", "hello")
                        .env("MESSAGE", "$(GREETING) world, $$(GREETING) stays")
                        .addEnv(EnvVar.builder().name("POD_NAME").valueFrom(EnvVarSource.builder()
                                .fieldRef(ObjectFieldSelector.builder().fieldPath("metadata.name").build()).build()).build())
                        .addEnv(EnvVar.builder().name("TEAM").valueFrom(EnvVarSource.builder()
                                .fieldRef(ObjectFieldSelector.builder().fieldPath("metadata.labels['team']").build()).build()).build())
                        .addEnv(EnvVar.builder().name("LEVEL").valueFrom(EnvVarSource.builder()
                                .configMapKeyRef(ConfigMapKeySelector.builder().name("settings").key("LEVEL").build()).build()).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            assertThat(sh(h, "app", "echo \"$MESSAGE|$POD_NAME|$TEAM|$LEVEL\"").strip())
                    .isEqualTo("hello world, $(GREETING) stays|env-pod|blue|debug");
        }
    }

    @Test
    void reportsCreateContainerConfigErrorForAMissingConfigMap() {
        Pod pod = Pod.named("no-config").container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                .addEnv(EnvVar.builder().name("X").valueFrom(EnvVarSource.builder()
                        .configMapKeyRef(ConfigMapKeySelector.builder().name("absent").key("k").build()).build()).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.await(x -> !x.status().containerStatuses().isEmpty() && app(x).state().waiting() != null
                    && "CreateContainerConfigError".equals(app(x).state().waiting().reason()), "fail to configure", WAIT);
            assertThat(app(p).state().waiting().message()).isEqualTo("configmap \"absent\" not found");
        }
    }

    @Test
    void mountsConfigMapSecretDownwardApiAndMemoryEmptyDirVolumes() {
        ENGINE.engine().put(ConfigMap.builder().metadata(ObjectMeta.builder().name("files").namespace("default").build())
                .putData("app.conf", "color=blue\n").build());
        ENGINE.engine().put(Secret.builder().metadata(ObjectMeta.builder().name("creds").namespace("default").build())
                .putStringData("password", "s3cret").build());
        Pod pod = Pod.named("volumes").label("tier", "web")
                .volume(Volume.builder().name("conf").configMap(ConfigMapVolumeSource.builder().name("files")
                        .items(List.of(KeyToPath.builder().key("app.conf").path("renamed.conf").build())).build()).build())
                .volume(Volume.builder().name("secret").secret(SecretVolumeSource.builder().secretName("creds").build()).build())
                .volume(Volume.builder().name("info").downwardAPI(DownwardAPIVolumeSource.builder()
                        .items(List.of(DownwardAPIVolumeFile.builder().path("labels")
                                .fieldRef(ObjectFieldSelector.builder().fieldPath("metadata.labels").build()).build())).build()).build())
                .volume(Volume.builder().name("scratch").emptyDir(EmptyDirVolumeSource.builder().medium("Memory").build()).build())
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .mount("conf", "/etc/app").mount("secret", "/etc/secret").mount("info", "/etc/info")
                        .mount("scratch", "/scratch"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            assertThat(sh(h, "app", "cat /etc/app/renamed.conf")).isEqualTo("color=blue\n");
            assertThat(sh(h, "app", "cat /etc/secret/password")).isEqualTo("s3cret");
            assertThat(sh(h, "app", "stat -c %a /etc/secret/password").strip()).isEqualTo("644");
            assertThat(sh(h, "app", "cat /etc/info/labels")).isEqualTo("tier=\"web\"");
            assertThat(sh(h, "app", "grep ' /scratch ' /proc/mounts")).contains("tmpfs");
            assertThat(sh(h, "app", "grep ' /etc/secret ' /proc/mounts")).contains("tmpfs");
        }
    }

    @Test
    void bindsAHostPathAndChecksItsType(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hello.txt"), "from the host");
        Pod ok = Pod.named("host-dir")
                .volume(Volume.builder().name("host").hostPath(HostPathVolumeSource.builder().path(dir.toString()).type("Directory").build()).build())
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600").mount("host", "/host"))
                .build();
        try (PodHandle h = ENGINE.engine().create(ok)) {
            h.awaitReady(WAIT);
            assertThat(sh(h, "app", "cat /host/hello.txt")).isEqualTo("from the host");
        }
        Pod wrongType = Pod.named("host-file")
                .volume(Volume.builder().name("host").hostPath(HostPathVolumeSource.builder().path(dir.toString()).type("File").build()).build())
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600").mount("host", "/host"))
                .build();
        try (PodHandle h = ENGINE.engine().create(wrongType)) {
            h.await(p -> h.events().stream().anyMatch(e -> e.reason().equals("FailedMount")), "fail to mount", WAIT);
            assertThat(h.status().phase()).isEqualTo("Pending");
            assertThat(h.events()).anySatisfy(e -> assertThat(e.message()).contains("is not a file"));
        }
    }

    @Test
    void appliesSecurityContextAndHostAliases() {
        Pod pod = Pod.named("secure")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .securityContext(SecurityContext.builder().runAsUser(1234L).runAsGroup(2345L)
                                .readOnlyRootFilesystem(true)
                                .capabilities(Capabilities.builder().drop(List.of("ALL")).build()).build()))
                .build();
        pod = pod.toBuilder().spec(pod.spec().toBuilder().hostAliases(List.of(
                HostAlias.builder().ip("10.9.8.7").hostnames(List.of("db.local")).build())).build()).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            assertThat(sh(h, "app", "id -u; id -g")).isEqualTo("1234\n2345\n");
            assertThat(h.exec("app", "touch", "/x").exitCode()).isNotZero();
            assertThat(sh(h, "app", "grep CapEff /proc/self/status")).contains("0000000000000000");
            assertThat(sh(h, "app", "cat /etc/hosts")).contains("10.9.8.7").contains("db.local");
        }
    }

    @Test
    void reportsOomKilledWhenAContainerExceedsItsMemoryLimit() {
        Pod pod = Pod.named("oom").restartPolicy("Never")
                .container("app", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "head -c 200000000 /dev/zero | tr '\\0' x | grep -c y")
                        .resources(ResourceRequirements.builder().putLimits("memory", Quantity.parse("16Mi")).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.awaitPhase("Failed", WAIT);
            assertThat(app(p).state().terminated().reason()).isEqualTo("OOMKilled");
            assertThat(p.status().qosClass()).isEqualTo("Burstable"); // a memory limit alone, as Kubernetes classes it
        }
    }

    @Test
    void failsAPodPastItsActiveDeadline() {
        Pod pod = Pod.named("deadline").container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
        pod = pod.toBuilder().spec(pod.spec().toBuilder().activeDeadlineSeconds(2L).build()).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.awaitPhase("Failed", WAIT);
            assertThat(p.status().reason()).isEqualTo("DeadlineExceeded");
        }
    }

    @Test
    void sharesTheProcessNamespaceWhenAsked() {
        Pod pod = Pod.named("shared-pids")
                .container("a", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600"))
                .container("b", c -> c.image(TestImages.BUSYBOX).command("sleep", "3601"))
                .build();
        pod = pod.toBuilder().spec(pod.spec().toBuilder().shareProcessNamespace(true).build()).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            assertThat(sh(h, "a", "ps")).contains("sleep 3601").contains("/pause");
        }
    }

    @Test
    void usesTheHostsNetworkWhenAsked() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        int p = port;
        Pod pod = Pod.named("host-net")
                .container("web", c -> c.image(TestImages.BUSYBOX).command("httpd", "-f", "-p", Integer.toString(p), "-h", "/etc")
                        .addPorts(io.pod4j.api.model.ContainerPort.builder().containerPort(p).hostPort(p).build()))
                .build();
        pod = pod.toBuilder().spec(pod.spec().toBuilder().hostNetwork(true).dnsPolicy("ClusterFirstWithHostNet").build()).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod ready = h.awaitReady(WAIT);
            assertThat(ready.status().podIP()).isEqualTo(ready.status().hostIP());
            var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + p + "/hostname")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void mountsASubPathOfAVolume() {
        Pod pod = Pod.named("sub-path")
                .volume(Volume.builder().name("data").emptyDir(EmptyDirVolumeSource.builder().build()).build())
                .container("writer", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "echo mine > /mine/file; sleep 3600")
                        .addVolumeMounts(io.pod4j.api.model.VolumeMount.builder().name("data").mountPath("/mine").subPath("writer").build()))
                .container("reader", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600").mount("data", "/all"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            h.await(x -> h.exec("reader", "cat", "/all/writer/file").exitCode() == 0, "see the file", WAIT);
            assertThat(sh(h, "reader", "cat /all/writer/file")).isEqualTo("mine\n");
        }
    }
}
