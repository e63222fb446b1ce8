package io.pod4j.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
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
import io.pod4j.engine.EngineExtension;
import io.pod4j.engine.ExecResult;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.TestImages;
import io.pod4j.engine.docker.Labels;
import io.pod4j.engine.reaper.Owner;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The defaults that keep a pod from exposing more than asked: ports on the loopback interface,
 * Docker's default capabilities and no privileges, secrets in memory with readable-by-owner-and-group
 * defaults, and secret values in no log line and no diagnosis.
 */
class SecurityDefaultsIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** CapEff of a root process in a container with Docker's default capability set (Engine 20.10). */
    private static final String DOCKER_DEFAULT_CAPS = "00000000a80425fb";

    @Test
    void publishedPortsBindTheLoopbackInterfaceUnlessTheManifestGivesAHostIP() {
        Pod pod = Pod.named("ports-default")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .addPorts(ContainerPort.builder().containerPort(8080).build())
                        .addPorts(ContainerPort.builder().containerPort(8081).hostIP("0.0.0.0").build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            Map<String, String> hostIps = new java.util.TreeMap<>();
            for (InspectContainerResponse c : containersOf(h)) {
                Ports ports = c.getHostConfig().getPortBindings();
                if (ports == null) {
                    continue;
                }
                ports.getBindings().forEach((port, bindings) -> {
                    if (bindings != null) {
                        for (Ports.Binding b : bindings) {
                            hostIps.put(port.toString(), b.getHostIp());
                        }
                    }
                });
            }
            assertThat(hostIps).containsExactly(Map.entry("8080/tcp", "127.0.0.1"), Map.entry("8081/tcp", "0.0.0.0"));
            assertThat(h.endpoint("app", 8080).getAddress().isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void containersAreUnprivilegedWithDockersDefaultCapabilitiesUnlessTheManifestSaysOtherwise() {
        Pod pod = Pod.named("caps")
                .container("plain", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600"))
                .container("admin", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .securityContext(SecurityContext.builder()
                                .capabilities(Capabilities.builder().add(List.of("NET_ADMIN")).drop(List.of("CHOWN")).build())
                                .build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            InspectContainerResponse plain = inspect(h, "plain");
            assertThat(plain.getHostConfig().getPrivileged()).isFalse();
            assertThat(plain.getHostConfig().getCapAdd()).isNullOrEmpty();
            assertThat(plain.getHostConfig().getCapDrop()).isNullOrEmpty();
            assertThat(effectiveCapabilities(h, "plain")).isEqualTo(DOCKER_DEFAULT_CAPS);

            InspectContainerResponse admin = inspect(h, "admin");
            assertThat(admin.getHostConfig().getPrivileged()).isFalse();
            assertThat(List.of(admin.getHostConfig().getCapAdd()).toString()).contains("NET_ADMIN");
            assertThat(List.of(admin.getHostConfig().getCapDrop()).toString()).contains("CHOWN");
            long adminCaps = Long.parseUnsignedLong(effectiveCapabilities(h, "admin"), 16);
            assertThat(adminCaps & (1L << 12)).as("CAP_NET_ADMIN").isNotZero();
            assertThat(adminCaps & 1L).as("CAP_CHOWN").isZero();
        }
    }

    @Test
    void aContainerIsPrivilegedOnlyWhenTheManifestSaysSo() {
        // Whether Docker may then start it depends on the host (a daemon inside a container may not grant
        // every capability: StartError); what pod4j asked for is on the container either way.
        Pod pod = Pod.named("privileged")
                .container("root", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .securityContext(SecurityContext.builder().privileged(true).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.await(x -> !x.status().containerStatuses().isEmpty()
                    && x.status().containerStatuses().get(0).containerID() != null, "create its container", WAIT);
            String id = p.status().containerStatuses().get(0).containerID().substring("docker://".length());
            assertThat(ENGINE.engine().docker().client().inspectContainerCmd(id).exec().getHostConfig().getPrivileged()).isTrue();
        }
    }

    @Test
    void secretVolumesAreInMemoryWithMode0644UnlessDefaultModeSaysOtherwise() {
        ENGINE.engine().put(secret("vol-secret", "token", "s3cr3t-volume-value"));
        Pod pod = Pod.named("secret-volume")
                .volume(Volume.builder().name("plain").secret(SecretVolumeSource.builder().secretName("vol-secret").build()).build())
                .volume(Volume.builder().name("strict")
                        .secret(SecretVolumeSource.builder().secretName("vol-secret").defaultMode(0400).build()).build())
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .mount("plain", "/etc/plain").mount("strict", "/etc/strict"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            ExecResult mounts = h.exec("app", "cat", "/proc/mounts");
            assertThat(mountType(mounts.stdout(), "/etc/plain")).as(mounts.stdout()).isEqualTo("tmpfs");
            assertThat(mountType(mounts.stdout(), "/etc/strict")).as(mounts.stdout()).isEqualTo("tmpfs");
            assertThat(h.exec("app", "stat", "-L", "-c", "%a", "/etc/plain/token").stdout().trim()).isEqualTo("644");
            assertThat(h.exec("app", "stat", "-L", "-c", "%a", "/etc/strict/token").stdout().trim()).isEqualTo("400");
            assertThat(h.exec("app", "cat", "/etc/plain/token").stdout()).isEqualTo("s3cr3t-volume-value");
        }
    }

    @Test
    void secretValuesAppearInNoLogLineAndNoDiagnosis() {
        String value = "s3cr3t-env-" + Long.toHexString(System.nanoTime());
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream original = System.err;
        // slf4j-simple writes to whatever System.err is at the time of each line.
        System.setErr(new PrintStream(new TeeStream(original, logged), true, StandardCharsets.UTF_8));
        try {
            ENGINE.engine().put(secret("env-secret", "password", value));
            Pod pod = Pod.named("secret-env")
                    .volume(Volume.builder().name("creds").secret(SecretVolumeSource.builder().secretName("env-secret").build()).build())
                    .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                            .addEnv(EnvVar.builder().name("PASSWORD").valueFrom(EnvVarSource.builder()
                                    .secretKeyRef(SecretKeySelector.builder().name("env-secret").key("password").build()).build()).build())
                            .mount("creds", "/etc/creds"))
                    // A container that cannot start: its failure is described, with the env it had.
                    .container("broken", c -> c.image(TestImages.BUSYBOX).command("/no/such/binary")
                            .addEnv(EnvVar.builder().name("PASSWORD").valueFrom(EnvVarSource.builder()
                                    .secretKeyRef(SecretKeySelector.builder().name("env-secret").key("password").build()).build()).build()))
                    .build();
            try (PodHandle h = ENGINE.engine().create(pod)) {
                h.await(p -> h.events().stream().anyMatch(e -> "Failed".equals(e.reason())),
                        "report the broken container Failed", WAIT);
                assertThat(h.exec("app", "sh", "-c", "echo \"$PASSWORD\"").stdout().trim())
                        .as("the container does get the value").isEqualTo(value);
                assertThat(h.diagnose(20)).doesNotContain(value);
                assertThat(h.pod().toString()).doesNotContain(value);
                assertThat(h.events().toString()).doesNotContain(value);
            }
        } finally {
            System.setErr(original);
        }
        assertThat(logged.toString(StandardCharsets.UTF_8)).as("what the engine logged").contains("secret-env")
                .doesNotContain(value);
    }

    private static Secret secret(String name, String key, String value) {
        return Secret.builder().metadata(ObjectMeta.builder().name(name).namespace("default").build())
                .putStringData(key, value).build();
    }

    private static String effectiveCapabilities(PodHandle h, String container) {
        String status = h.exec(container, "cat", "/proc/1/status").stdout();
        return status.lines().filter(l -> l.startsWith("CapEff:")).map(l -> l.substring(7).trim()).findFirst().orElseThrow();
    }

    private static String mountType(String mounts, String path) {
        return mounts.lines().map(l -> l.split(" ")).filter(f -> f.length > 2 && f[1].equals(path))
                .map(f -> f[2]).findFirst().orElse("(not mounted)");
    }

    private static InspectContainerResponse inspect(PodHandle h, String container) {
        return ENGINE.engine().docker().client().inspectContainerCmd(h.containerId(container, false)).exec();
    }

    private static List<InspectContainerResponse> containersOf(PodHandle h) {
        var docker = ENGINE.engine().docker().client();
        List<InspectContainerResponse> out = new ArrayList<>();
        for (var c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.OWNER, Owner.current().id(), Labels.POD, h.name())).exec()) {
            out.add(docker.inspectContainerCmd(c.getId()).exec());
        }
        return out;
    }

    /** Writes to two streams: the console keeps showing the log while the test reads it. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
