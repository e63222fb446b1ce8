package io.pod4j.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.pod4j.api.build.Pods;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.engine.EngineExtension;
import io.pod4j.engine.ExecResult;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.TestImages;
import io.pod4j.engine.docker.DockerConnection;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What pod4j does when the manifest says nothing: the safe choice, as the issue lists them. */
class SecurityDefaultsIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static InspectContainerResponse inspect(PodHandle h, String container) {
        try (DockerConnection docker = DockerConnection.open(null)) {
            return docker.client().inspectContainerCmd(h.containerId(container, false)).exec();
        }
    }

    private static String sh(PodHandle h, String script) {
        ExecResult r = h.exec("app", "sh", "-c", script);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout().strip();
    }

    @Test
    void publishesPortsOnLoopbackUnlessTheManifestGivesAHostIP() {
        Pod pod = Pods.named("ports")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .ports(List.of(new ContainerPortBuilder().withContainerPort(8080).build(),
                                new ContainerPortBuilder().withContainerPort(9090).withHostIP("0.0.0.0").build())))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            assertThat(h.endpoint("app", 8080).getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            try (DockerConnection docker = DockerConnection.open(null)) {
                var infra = docker.client().listContainersCmd()
                        .withLabelFilter(java.util.Map.of("io.pod4j.pod-uid", h.pod().getMetadata().getUid(), "io.pod4j.role", "infra"))
                        .exec().get(0);
                Ports.Binding[] loopback = docker.client().inspectContainerCmd(infra.getId()).exec().getHostConfig()
                        .getPortBindings().getBindings().get(ExposedPort.tcp(8080));
                Ports.Binding[] any = docker.client().inspectContainerCmd(infra.getId()).exec().getHostConfig()
                        .getPortBindings().getBindings().get(ExposedPort.tcp(9090));
                assertThat(loopback[0].getHostIp()).isEqualTo("127.0.0.1");
                assertThat(any[0].getHostIp()).isEqualTo("0.0.0.0");
            }
        }
    }

    @Test
    void runsContainersUnprivilegedWithDockersDefaultCapabilities() {
        Pod pod = Pods.named("plain").container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            var host = inspect(h, "app").getHostConfig();
            assertThat(host.getPrivileged()).isNotEqualTo(Boolean.TRUE);
            assertThat(host.getCapAdd()).isNullOrEmpty();
            assertThat(host.getCapDrop()).isNullOrEmpty();
            // Docker's default set (CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, SETGID, SETUID, SETPCAP,
            // NET_BIND_SERVICE, NET_RAW, SYS_CHROOT, MKNOD, AUDIT_WRITE, SETFCAP), nothing more.
            assertThat(sh(h, "grep CapEff /proc/self/status")).endsWith("00000000a80425fb");
        }
    }

    @Test
    void addsAndDropsCapabilitiesOnlyAsTheManifestSays() {
        Pod pod = Pods.named("caps")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .securityContext(new SecurityContextBuilder()
                                .withNewCapabilities().withAdd("NET_ADMIN").withDrop("CHOWN").endCapabilities()
                                .build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            var host = inspect(h, "app").getHostConfig();
            assertThat(host.getPrivileged()).isNotEqualTo(Boolean.TRUE);
            assertThat(List.of(host.getCapAdd()).toString()).contains("NET_ADMIN");
            assertThat(List.of(host.getCapDrop()).toString()).contains("CHOWN");
            long caps = Long.parseUnsignedLong(sh(h, "grep CapEff /proc/self/status | cut -f2"), 16);
            assertThat(caps & (1L << 12)).as("CAP_NET_ADMIN").isNotZero();
            assertThat(caps & 1L).as("CAP_CHOWN").isZero();
        }
    }

    @Test
    void setsPrivilegedOnlyWhenTheManifestAsks() {
        // Whether Docker can then start it depends on the host (a daemon inside a container may not grant
        // every capability: the container ends with StartError); what pod4j asked for is on the container.
        Pod pod = Pods.named("privileged")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .securityContext(new SecurityContextBuilder().withPrivileged(true).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.await(x -> !x.getStatus().getContainerStatuses().isEmpty()
                    && x.getStatus().getContainerStatuses().get(0).getContainerID() != null, "create its container", WAIT);
            String id = p.getStatus().getContainerStatuses().get(0).getContainerID().substring("docker://".length());
            assertThat(ENGINE.engine().docker().client().inspectContainerCmd(id).exec().getHostConfig().getPrivileged())
                    .isTrue();
        }
    }

    @Test
    void writesSecretFilesWithMode0644OnTmpfsByDefault() {
        ENGINE.engine().put(new SecretBuilder().withNewMetadata().withName("plain").withNamespace("default").endMetadata()
                .addToStringData("key", "value").build());
        Pod pod = Pods.named("plain-secret")
                .volume(new VolumeBuilder().withName("s").withNewSecret().withSecretName("plain").endSecret().build())
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600").mount("s", "/etc/s"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            assertThat(sh(h, "stat -L -c %a /etc/s/key")).isEqualTo("644");
            assertThat(sh(h, "grep ' /etc/s ' /proc/mounts")).contains("tmpfs");
        }
    }

    @Test
    void honoursASecretVolumesDefaultModeOnTmpfs() {
        ENGINE.engine().put(new SecretBuilder().withNewMetadata().withName("tight").withNamespace("default").endMetadata()
                .addToStringData("key", "value").build());
        Pod pod = Pods.named("tight-secret")
                .volume(new VolumeBuilder().withName("s").withNewSecret().withSecretName("tight").withDefaultMode(0400).endSecret().build())
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600").mount("s", "/etc/s"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            assertThat(sh(h, "stat -c %a /etc/s/key")).isEqualTo("400");
            assertThat(sh(h, "grep ' /etc/s ' /proc/mounts")).contains("tmpfs");
        }
    }

    @Test
    void neverPrintsASecretsValueInLogsDiagnosticsOrTheWrittenPod() {
        String value = "hunter2-" + System.nanoTime();
        ENGINE.engine().put(new SecretBuilder().withNewMetadata().withName("db").withNamespace("default").endMetadata()
                .addToStringData("password", value).build());
        Pod pod = Pods.named("uses-secret")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .env(new EnvVarBuilder().withName("DB_PASSWORD").withNewValueFrom()
                                .withNewSecretKeyRef().withName("db").withKey("password").endSecretKeyRef().endValueFrom().build()))
                .build();
        PrintStream original = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(original, logged), true, StandardCharsets.UTF_8));
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            assertThat(sh(h, "echo $DB_PASSWORD")).isEqualTo(value); // the container gets it, as on a cluster
            assertThat(h.diagnose(50)).doesNotContain(value);
            assertThat(Manifests.toYaml(h.pod())).doesNotContain(value);
            assertThat(h.events()).noneSatisfy(e -> assertThat(e.getMessage()).contains(value));
        } finally {
            System.setErr(original);
        }
        assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain(value);
    }

    /** Writes to both streams: the test still shows its log, and can read it. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
