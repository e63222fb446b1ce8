package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.pod4j.api.build.Pods;
import io.pod4j.store.ResourceTypes;
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
        return p.getStatus().getContainerStatuses().isEmpty()
                ? new ContainerStatusBuilder().withNewState().endState().withRestartCount(0).build()
                : p.getStatus().getContainerStatuses().get(0);
    }

    private static PodCondition scheduled(Pod p) {
        return p.getStatus().getConditions().stream().filter(c -> c.getType().equals("PodScheduled")).findFirst().orElseThrow();
    }

    private static String sh(PodHandle h, String container, String script) {
        ExecResult r = h.exec(container, "sh", "-c", script);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout();
    }

    @Test
    void keepsAPodWithAnUnmatchedNodeSelectorPendingUntilTheNodeGetsTheLabel() {
        Pod pod = Pods.named("wants-ssd").nodeSelector("disktype", "ssd")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod pending = h.await(p -> "Unschedulable".equals(scheduled(p).getReason()), "be Unschedulable", WAIT);
            assertThat(pending.getStatus().getPhase()).isEqualTo("Pending");
            assertThat(scheduled(pending).getMessage())
                    .startsWith("0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.");
            assertThat(h.events()).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("FailedScheduling"));
            Map<String, String> labels = new HashMap<>(ENGINE.engine().node().getMetadata().getLabels());
            labels.put("disktype", "ssd");
            ENGINE.engine().labelNode(labels);
            Pod running = h.awaitReady(WAIT);
            assertThat(running.getSpec().getNodeName()).isEqualTo(ENGINE.engine().nodeName());
        } finally {
            ENGINE.engine().labelNode(Map.of());
        }
    }

    @Test
    void schedulesAPodWaitingForANodeLabelOnceTheNodeObjectGetsIt() {
        // As `kubectl label node` through the API server: a write of the Node in the store.
        Pod pod = Pods.named("wants-gpu").nodeSelector("accelerator", "gpu")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.await(p -> "Unschedulable".equals(scheduled(p).getReason()), "be Unschedulable", WAIT);
            setNodeLabel("accelerator", "gpu");
            assertThat(h.awaitReady(WAIT).getSpec().getNodeName()).isEqualTo(ENGINE.engine().nodeName());
        } finally {
            setNodeLabel("accelerator", null);
        }
    }

    private static void setNodeLabel(String key, String value) {
        var store = ENGINE.engine().store();
        Node node = store.get(ResourceTypes.NODES, "", ENGINE.engine().nodeName());
        Map<String, String> labels = new HashMap<>(node.getMetadata().getLabels());
        if (value == null) {
            labels.remove(key);
        } else {
            labels.put(key, value);
        }
        node.getMetadata().setLabels(labels);
        node.getMetadata().setResourceVersion(null);
        store.update(node);
    }

    @Test
    void refusesToScheduleAPodWhoseRequestsDoNotFit() {
        Pod pod = Pods.named("too-big").container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                .resources(new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("1000")).build())).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod pending = h.await(p -> "Unschedulable".equals(scheduled(p).getReason()), "be Unschedulable", WAIT);
            assertThat(scheduled(pending).getMessage()).startsWith("0/1 nodes are available: 1 Insufficient cpu.");
        }
    }

    @Test
    void schedulesAPodThatDidNotFitOnceThePodInItsWayIsDeleted() {
        try (PodHandle big = ENGINE.engine().create(requesting("takes-all-cpu", allocatableCpu(), "Always", "sleep 3600"))) {
            big.awaitReady(WAIT);
            try (PodHandle waiting = ENGINE.engine().create(requesting("waits-for-cpu", new Quantity("100m"), "Always", "sleep 3600"))) {
                Pod pending = waiting.await(p -> "Unschedulable".equals(scheduled(p).getReason()), "be Unschedulable", WAIT);
                assertThat(scheduled(pending).getMessage()).startsWith("0/1 nodes are available: 1 Insufficient cpu.");
                big.delete();
                waiting.awaitReady(WAIT);
            }
        }
    }

    @Test
    void schedulesAPodThatDidNotFitOnceThePodInItsWayCompleted() {
        try (PodHandle big = ENGINE.engine().create(requesting("uses-all-cpu", allocatableCpu(), "Never",
                "until [ -f /tmp/done ]; do sleep 0.1; done"))) {
            big.awaitReady(WAIT);
            try (PodHandle waiting = ENGINE.engine().create(requesting("waits-its-turn", new Quantity("100m"), "Always", "sleep 3600"))) {
                waiting.await(p -> "Unschedulable".equals(scheduled(p).getReason()), "be Unschedulable", WAIT);
                big.exec("app", "touch", "/tmp/done");
                big.awaitPhase("Succeeded", WAIT);
                waiting.awaitReady(WAIT);
            }
        }
    }

    private static Quantity allocatableCpu() {
        return ENGINE.engine().node().getStatus().getAllocatable().get("cpu");
    }

    private static Pod requesting(String name, Quantity cpu, String restartPolicy, String script) {
        return Pods.named(name).restartPolicy(restartPolicy).terminationGracePeriodSeconds(1)
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", script)
                        .resources(new ResourceRequirementsBuilder().addToRequests("cpu", cpu).build()))
                .build();
    }

    @Test
    void exposesTheNodeWithWellKnownLabelsAndCapacity() {
        var node = ENGINE.engine().node();
        assertThat(node.getMetadata().getLabels()).containsEntry("kubernetes.io/os", "linux")
                .containsKey("kubernetes.io/arch").containsEntry("kubernetes.io/hostname", ENGINE.engine().nodeName());
        assertThat(node.getStatus().getCapacity()).containsKeys("cpu", "memory", "pods");
    }

    @Test
    void expandsVariablesAndResolvesFieldAndConfigMapReferences() {
        ENGINE.engine().put(new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("default").endMetadata()
                .addToData("LEVEL", "debug").build());
        Pod pod = Pods.named("env-pod").label("team", "blue")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .env("GREETING", "hello")
                        .env("MESSAGE", "$(GREETING) world, $$(GREETING) stays")
                        .env(new EnvVarBuilder().withName("POD_NAME").withNewValueFrom()
                                .withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom().build())
                        .env(new EnvVarBuilder().withName("TEAM").withNewValueFrom()
                                .withNewFieldRef().withFieldPath("metadata.labels['team']").endFieldRef().endValueFrom().build())
                        .env(new EnvVarBuilder().withName("LEVEL").withNewValueFrom()
                                .withNewConfigMapKeyRef().withName("settings").withKey("LEVEL").endConfigMapKeyRef().endValueFrom().build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            assertThat(sh(h, "app", "echo \"$MESSAGE|$POD_NAME|$TEAM|$LEVEL\"").strip())
                    .isEqualTo("hello world, $(GREETING) stays|env-pod|blue|debug");
        }
    }

    @Test
    void reportsCreateContainerConfigErrorForAMissingConfigMap() {
        Pod pod = Pods.named("no-config").container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                .env(new EnvVarBuilder().withName("X").withNewValueFrom()
                        .withNewConfigMapKeyRef().withName("absent").withKey("k").endConfigMapKeyRef().endValueFrom().build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.await(x -> !x.getStatus().getContainerStatuses().isEmpty() && app(x).getState().getWaiting() != null
                    && "CreateContainerConfigError".equals(app(x).getState().getWaiting().getReason()), "fail to configure", WAIT);
            assertThat(app(p).getState().getWaiting().getMessage()).isEqualTo("configmap \"absent\" not found");
        }
    }

    @Test
    void mountsConfigMapSecretDownwardApiAndMemoryEmptyDirVolumes() {
        ENGINE.engine().put(new ConfigMapBuilder().withNewMetadata().withName("files").withNamespace("default").endMetadata()
                .addToData("app.conf", "color=blue\n").build());
        ENGINE.engine().put(new SecretBuilder().withNewMetadata().withName("creds").withNamespace("default").endMetadata()
                .addToStringData("password", "s3cret").build());
        Pod pod = Pods.named("volumes").label("tier", "web")
                .volume(new VolumeBuilder().withName("conf").withNewConfigMap().withName("files")
                        .addNewItem().withKey("app.conf").withPath("renamed.conf").endItem().endConfigMap().build())
                .volume(new VolumeBuilder().withName("secret").withNewSecret().withSecretName("creds").endSecret().build())
                .volume(new VolumeBuilder().withName("info").withNewDownwardAPI()
                        .addNewItem().withPath("labels").withNewFieldRef().withFieldPath("metadata.labels").endFieldRef().endItem()
                        .endDownwardAPI().build())
                .volume(new VolumeBuilder().withName("scratch").withNewEmptyDir().withMedium("Memory").endEmptyDir().build())
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
        Pod ok = Pods.named("host-dir")
                .volume(new VolumeBuilder().withName("host").withNewHostPath().withPath(dir.toString()).withType("Directory").endHostPath().build())
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600").mount("host", "/host"))
                .build();
        try (PodHandle h = ENGINE.engine().create(ok)) {
            h.awaitReady(WAIT);
            assertThat(sh(h, "app", "cat /host/hello.txt")).isEqualTo("from the host");
        }
        Pod wrongType = Pods.named("host-file")
                .volume(new VolumeBuilder().withName("host").withNewHostPath().withPath(dir.toString()).withType("File").endHostPath().build())
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600").mount("host", "/host"))
                .build();
        try (PodHandle h = ENGINE.engine().create(wrongType)) {
            h.await(p -> h.events().stream().anyMatch(e -> e.getReason().equals("FailedMount")), "fail to mount", WAIT);
            assertThat(h.status().getPhase()).isEqualTo("Pending");
            assertThat(h.events()).anySatisfy(e -> assertThat(e.getMessage())
                    .isEqualTo("MountVolume.SetUp failed for volume \"host\" : hostPath type check failed: " + dir + " is not a file"));
        }
    }

    @Test
    void reportsFailedMountInTheKubeletsWordsForAVolumeOfAMissingConfigMap() {
        Pod pod = Pods.named("no-volume-source")
                .volume(new VolumeBuilder().withName("conf").withNewConfigMap().withName("absent").endConfigMap().build())
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600").mount("conf", "/etc/app"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.await(p -> h.events().stream().anyMatch(e -> e.getReason().equals("FailedMount")), "fail to mount", WAIT);
            assertThat(h.status().getPhase()).isEqualTo("Pending");
            assertThat(h.events()).filteredOn(e -> e.getReason().equals("FailedMount")).extracting(Event::getMessage)
                    .containsOnly("MountVolume.SetUp failed for volume \"conf\" : configmap \"absent\" not found");
        }
    }

    @Test
    void appliesSecurityContextAndHostAliases() {
        Pod pod = Pods.named("secure")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .securityContext(new SecurityContextBuilder().withRunAsUser(1234L).withRunAsGroup(2345L)
                                .withReadOnlyRootFilesystem(true)
                                .withNewCapabilities().withDrop("ALL").endCapabilities().build()))
                .build();
        pod.getSpec().setHostAliases(List.of(new HostAlias(List.of("db.local"), "10.9.8.7")));
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
        Pod pod = Pods.named("oom").restartPolicy("Never")
                .container("app", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "head -c 200000000 /dev/zero | tr '\\0' x | grep -c y")
                        .resources(new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("16Mi")).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.awaitPhase("Failed", WAIT);
            assertThat(app(p).getState().getTerminated().getReason()).isEqualTo("OOMKilled");
            assertThat(p.getStatus().getQosClass()).isEqualTo("Burstable"); // a memory limit alone, as Kubernetes classes it
        }
    }

    @Test
    void failsAPodPastItsActiveDeadline() {
        Pod pod = Pods.named("deadline").container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
        pod.getSpec().setActiveDeadlineSeconds(2L);
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.awaitPhase("Failed", WAIT);
            assertThat(p.getStatus().getReason()).isEqualTo("DeadlineExceeded");
        }
    }

    @Test
    void sharesTheProcessNamespaceWhenAsked() {
        Pod pod = Pods.named("shared-pids")
                .container("a", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600"))
                .container("b", c -> c.image(TestImages.BUSYBOX).command("sleep", "3601"))
                .build();
        pod.getSpec().setShareProcessNamespace(true);
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
        Pod pod = Pods.named("host-net")
                .container("web", c -> c.image(TestImages.BUSYBOX).command("httpd", "-f", "-p", Integer.toString(p), "-h", "/etc")
                        .ports(List.of(new ContainerPortBuilder().withContainerPort(p).withHostPort(p).build())))
                .build();
        pod.getSpec().setHostNetwork(true);
        pod.getSpec().setDnsPolicy("ClusterFirstWithHostNet");
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod ready = h.awaitReady(WAIT);
            assertThat(ready.getStatus().getPodIP()).isEqualTo(ready.getStatus().getHostIP());
            var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + p + "/hostname")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void mountsASubPathOfAVolume() {
        Pod pod = Pods.named("sub-path")
                .volume(new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build())
                .container("writer", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "echo mine > /mine/file; sleep 3600")
                        .volumeMounts(List.of(new VolumeMountBuilder().withName("data").withMountPath("/mine").withSubPath("writer").build())))
                .container("reader", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600").mount("data", "/all"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            h.await(x -> h.exec("reader", "cat", "/all/writer/file").exitCode() == 0, "see the file", WAIT);
            assertThat(sh(h, "reader", "cat /all/writer/file")).isEqualTo("mine\n");
        }
    }
}
