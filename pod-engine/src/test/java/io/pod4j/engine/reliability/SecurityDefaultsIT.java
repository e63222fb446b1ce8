package io.pod4j.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.pod4j.api.model.Capabilities;
import io.pod4j.api.model.ContainerPort;
import io.pod4j.api.model.EnvVar;
import io.pod4j.api.model.EnvVarSource;
import io.pod4j.api.model.ObjectMeta;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.Secret;
import io.pod4j.api.model.SecretKeySelector;
import io.pod4j.api.model.SecretVolumeSource;
import io.pod4j.api.model.SecurityContext;
import io.pod4j.api.model.Volume;
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
        Pod pod = Pod.named("ports")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .addPorts(ContainerPort.builder().containerPort(8080).build())
                        .addPorts(ContainerPort.builder().containerPort(9090).hostIP("0.0.0.0").build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            assertThat(h.endpoint("app", 8080).getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            try (DockerConnection docker = DockerConnection.open(null)) {
                var infra = docker.client().listContainersCmd()
                        .withLabelFilter(java.util.Map.of("io.pod4j.pod-uid", h.pod().metadata().uid(), "io.pod4j.role", "infra"))
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
        Pod pod = Pod.named("plain").container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
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
        Pod pod = Pod.named("caps")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .securityContext(SecurityContext.builder()
                                .capabilities(Capabilities.builder().add(List.of("NET_ADMIN")).drop(List.of("CHOWN")).build())
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
        Pod pod = Pod.named("privileged")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .securityContext(SecurityContext.builder().privileged(true).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.await(x -> !x.status().containerStatuses().isEmpty()
                    && x.status().containerStatuses().get(0).containerID() != null, "create its container", WAIT);
            String id = p.status().containerStatuses().get(0).containerID().substring("docker://".length());
            assertThat(ENGINE.engine().docker().client().inspectContainerCmd(id).exec().getHostConfig().getPrivileged())
                    .isTrue();
        }
    }

    @Test
    void writesSecretFilesWithMode0644OnTmpfsByDefault() {
        ENGINE.engine().put(Secret.builder().metadata(ObjectMeta.builder().name("plain").namespace("default").build())
                .putStringData("key", "value").build());
        Pod pod = Pod.named("plain-secret")
                .volume(Volume.builder().name("s").secret(SecretVolumeSource.builder().secretName("plain").build()).build())
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
        ENGINE.engine().put(Secret.builder().metadata(ObjectMeta.builder().name("tight").namespace("default").build())
                .putStringData("key", "value").build());
        Pod pod = Pod.named("tight-secret")
                .volume(Volume.builder().name("s").secret(SecretVolumeSource.builder().secretName("tight").defaultMode(0400).build()).build())
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
        ENGINE.engine().put(Secret.builder().metadata(ObjectMeta.builder().name("db").namespace("default").build())
                .putStringData("password", value).build());
        Pod pod = Pod.named("uses-secret")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .addEnv(EnvVar.builder().name("DB_PASSWORD").valueFrom(EnvVarSource.builder()
                                .secretKeyRef(SecretKeySelector.builder().name("db").key("password").build()).build()).build()))
                .build();
        PrintStream original = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(original, logged), true, StandardCharsets.UTF_8));
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            assertThat(sh(h, "echo $DB_PASSWORD")).isEqualTo(value); // the container gets it, as on a cluster
            assertThat(h.diagnose(50)).doesNotContain(value);
            assertThat(Manifests.toYaml(h.pod())).doesNotContain(value);
            assertThat(h.events()).noneSatisfy(e -> assertThat(e.message()).contains(value));
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
