package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodDNSConfigBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.pod4j.api.build.Pods;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spec fields the engine acts on as the kubelet does: seccompProfile, imagePullSecrets,
 * dnsPolicy and dnsConfig, pod-level resource limits, priorityClassName.
 */
class PodFieldsIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The state dir EngineExtension gives this class's engine. */
    private static final Path STATE = Path.of("target", "pod4j-state", PodFieldsIT.class.getSimpleName());

    private static Pods.Builder sleeper(String name) {
        return Pods.named(name).container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600"));
    }

    private static String sh(PodHandle h, String script) {
        ExecResult r = h.exec("app", "sh", "-c", script);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout();
    }

    private static String seccompMode(Pod pod) {
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            return sh(h, "grep Seccomp: /proc/self/status").replaceAll("\\s+", " ").trim();
        }
    }

    private static SeccompProfile profile(String type, String localhost) {
        return new SeccompProfile(localhost, type);
    }

    @Test
    void runsAContainerWithoutASeccompProfileUnconfinedAsTheKubeletsDefault() {
        assertThat(seccompMode(sleeper("seccomp-unset").build())).isEqualTo("Seccomp: 0");
    }

    @Test
    void appliesDockersDefaultFilterForRuntimeDefault() {
        Pod pod = sleeper("seccomp-default")
                .securityContext(new PodSecurityContextBuilder().withSeccompProfile(profile("RuntimeDefault", null)).build()).build();

        assertThat(seccompMode(pod)).isEqualTo("Seccomp: 2");
    }

    @Test
    void letsTheContainersProfileWinOverThePods() {
        Pod pod = Pods.named("seccomp-override")
                .securityContext(new PodSecurityContextBuilder().withSeccompProfile(profile("RuntimeDefault", null)).build())
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .securityContext(new SecurityContextBuilder().withSeccompProfile(profile("Unconfined", null)).build()))
                .build();

        assertThat(seccompMode(pod)).isEqualTo("Seccomp: 0");
    }

    @Test
    void appliesALocalhostProfileFromTheStateDirectory() throws Exception {
        Path profiles = Files.createDirectories(STATE.resolve("seccomp").resolve("profiles"));
        Files.writeString(profiles.resolve("allow.json"), "{\"defaultAction\": \"SCMP_ACT_ALLOW\"}");
        Pod pod = sleeper("seccomp-localhost").securityContext(new PodSecurityContextBuilder()
                .withSeccompProfile(profile("Localhost", "profiles/allow.json")).build()).build();

        assertThat(seccompMode(pod)).isEqualTo("Seccomp: 2");
    }

    @Test
    void reportsCreateContainerErrorForAMissingLocalhostProfile() {
        Path missing = STATE.resolve("seccomp").resolve("absent.json").toAbsolutePath().normalize();
        Pod pod = sleeper("seccomp-missing").securityContext(new PodSecurityContextBuilder()
                .withSeccompProfile(profile("Localhost", "absent.json")).build()).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.await(x -> waiting(x, "CreateContainerError"), "fail to create", WAIT);
            assertThat(p.getStatus().getContainerStatuses().get(0).getState().getWaiting().getMessage())
                    .isEqualTo("failed to generate security options for container \"app\": failed to generate seccomp security"
                            + " options for container: cannot load seccomp profile \"" + missing + "\": open " + missing
                            + ": no such file or directory");
        }
    }

    @Test
    void warnsOfAMissingImagePullSecretAndRunsThePodAnyway() {
        Pod pod = sleeper("pull-secret").spec(s -> s.setImagePullSecrets(
                List.of(new LocalObjectReference("absent-registry"), new LocalObjectReference("gone-too")))).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            assertThat(h.events()).anySatisfy(e -> {
                assertThat(e.getType()).isEqualTo("Warning");
                assertThat(e.getReason()).isEqualTo("FailedToRetrieveImagePullSecret");
                assertThat(e.getMessage()).isEqualTo("Unable to retrieve some image pull secrets (absent-registry, gone-too);"
                        + " attempting to pull the image may not succeed.");
            });
        }
    }

    @Test
    void writesOnlyTheDnsConfigIntoResolvConfUnderPolicyNone() {
        Pod pod = sleeper("dns-none").spec(s -> {
            s.setDnsPolicy("None");
            s.setDnsConfig(new PodDNSConfigBuilder().withNameservers("192.0.2.53").withSearches("ns1.svc.example", "example.org")
                    .addNewOption().withName("ndots").withValue("2").endOption().addNewOption().withName("edns0").endOption().build());
        }).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            String resolv = sh(h, "cat /etc/resolv.conf");
            assertThat(resolv.lines().filter(l -> l.startsWith("nameserver"))).containsExactly("nameserver 192.0.2.53");
            assertThat(resolv).contains("search ns1.svc.example example.org").contains("options ndots:2 edns0");
        }
    }

    @Test
    void appendsTheDnsConfigToTheNodesResolvConfUnderPolicyDefault() throws Exception {
        List<String> node = Files.readAllLines(Path.of("/etc/resolv.conf")).stream()
                .filter(l -> l.startsWith("nameserver") && !l.contains(" 127.")).toList();
        Pod pod = sleeper("dns-default").spec(s -> {
            s.setDnsPolicy("Default");
            s.setDnsConfig(new PodDNSConfigBuilder().withNameservers("192.0.2.53").withSearches("extra.example").build());
        }).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            String resolv = sh(h, "cat /etc/resolv.conf");
            assertThat(resolv.lines().filter(l -> l.startsWith("nameserver")).toList())
                    .containsAll(node).endsWith("nameserver 192.0.2.53");
            assertThat(resolv).contains("extra.example");
        }
    }

    @Test
    void capsAContainerWithoutLimitsAtThePodLevelLimit() {
        Pod pod = sleeper("pod-limits").spec(s -> s.setResources(new ResourceRequirementsBuilder()
                .addToLimits("memory", new Quantity("48Mi")).build())).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            assertThat(sh(h, "cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes").trim())
                    .isEqualTo(Long.toString(48L << 20));
        }
    }

    @Test
    void resolvesASystemPriorityClassToItsPriority() {
        try (PodHandle h = ENGINE.engine().create(sleeper("critical").spec(s -> s.setPriorityClassName("system-node-critical")).build())) {
            assertThat(h.pod().getSpec().getPriority()).isEqualTo(2_000_001_000);
            assertThat(h.pod().getSpec().getPreemptionPolicy()).isEqualTo("PreemptLowerPriority");
        }
    }

    @Test
    void refusesAnUnknownPriorityClassInTheApiServersWords() {
        Pod pod = sleeper("unknown-class").spec(s -> s.setPriorityClassName("high")).build();

        assertThatThrownBy(() -> ENGINE.engine().create(pod))
                .hasMessage("pods \"unknown-class\" is forbidden: no PriorityClass with name high was found");
        assertThat(ENGINE.engine().get("default", "unknown-class")).isEmpty();
    }

    private static boolean waiting(Pod p, String reason) {
        List<ContainerStatus> statuses = p.getStatus().getContainerStatuses();
        return !statuses.isEmpty() && statuses.get(0).getState().getWaiting() != null
                && reason.equals(statuses.get(0).getState().getWaiting().getReason());
    }
}
