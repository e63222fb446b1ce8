package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.pod4j.api.build.Pods;
import io.pod4j.engine.docker.Labels;
import io.pod4j.engine.probe.ProbeResult;
import io.pod4j.engine.probe.ProbeRunner;
import io.pod4j.engine.probe.ProbeTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a node checks before and while it runs a container: {@code subPathExpr} and sub-paths,
 * {@code runAsNonRoot}, and httpGet probes answered with a redirect to another host.
 */
class NodeChecksIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Images whose USER is a name and a uid, made from the test image for this class and removed after it. */
    private static final String NAMED_USER_IMAGE = "pod4j-test/nodechecks-user-nobody:1";
    private static final String NUMERIC_USER_IMAGE = "pod4j-test/nodechecks-user-65534:1";

    @BeforeAll
    static void images() {
        TestImages.ensure();
        DockerClient docker = ENGINE.engine().docker().client();
        commitWithUser(docker, NAMED_USER_IMAGE, "nobody");
        commitWithUser(docker, NUMERIC_USER_IMAGE, "65534:65534");
    }

    @AfterAll
    static void removeImages() {
        DockerClient docker = ENGINE.engine().docker().client();
        for (String image : List.of(NAMED_USER_IMAGE, NUMERIC_USER_IMAGE)) {
            docker.removeImageCmd(image).withForce(true).exec();
        }
    }

    private static void commitWithUser(DockerClient docker, String image, String user) {
        String id = docker.createContainerCmd(TestImages.BUSYBOX).withLabels(Map.of(Labels.MANAGED, "true")).exec().getId();
        try {
            int colon = image.lastIndexOf(':');
            docker.commitCmd(id).withRepository(image.substring(0, colon)).withTag(image.substring(colon + 1))
                    .withUser(user).withLabels(Map.of(Labels.MANAGED, "true")).exec();
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
        assertThat(docker.inspectImageCmd(image).exec().getConfig().getUser()).isEqualTo(user);
    }

    private static ContainerStatus status(Pod p, String container) {
        return p.getStatus().getContainerStatuses().stream().filter(s -> s.getName().equals(container)).findFirst().orElse(null);
    }

    /** Waits for the container to wait with CreateContainerConfigError; returns its message. */
    private static String configError(PodHandle h, String container) {
        Pod p = h.await(x -> {
            ContainerStatus s = status(x, container);
            return s != null && s.getState().getWaiting() != null
                    && "CreateContainerConfigError".equals(s.getState().getWaiting().getReason());
        }, "fail with CreateContainerConfigError", WAIT);
        return status(p, container).getState().getWaiting().getMessage();
    }

    private static List<String> failedEvents(PodHandle h) {
        return h.events().stream().filter(e -> "Failed".equals(e.getReason()) && "Warning".equals(e.getType()))
                .map(Event::getMessage).toList();
    }

    private static String where(PodHandle h, String container) {
        Pod p = h.pod();
        return " (pod: \"" + p.getMetadata().getName() + "_" + p.getMetadata().getNamespace() + "(" + p.getMetadata().getUid()
                + ")\", container: " + container + ")";
    }

    // ---------------------------------------------------------------- subPathExpr

    @Test
    void mountsTheSubDirectoryASubPathExprNames() {
        Pod pod = Pods.named("sub-path-expr")
                .volume(new VolumeBuilder().withName("logs").withNewEmptyDir().endEmptyDir().build())
                .container("writer", c -> c.image(TestImages.BUSYBOX)
                        .env(new EnvVarBuilder().withName("POD_NAME").withNewValueFrom()
                                .withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom().build())
                        .env("KIND", "app")
                        .command("sh", "-c", "echo from-$POD_NAME > /out/line; sleep 3600")
                        .volumeMounts(List.of(new VolumeMountBuilder().withName("logs").withMountPath("/out")
                                .withSubPathExpr("$(KIND)/$(POD_NAME)").build())))
                .container("reader", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600").mount("logs", "/all"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            h.await(x -> h.exec("reader", "cat", "/all/app/sub-path-expr/line").exitCode() == 0, "see the file", WAIT);
            assertThat(h.exec("reader", "cat", "/all/app/sub-path-expr/line").stdout()).isEqualTo("from-sub-path-expr\n");
            assertThat(h.exec("writer", "ls", "/out").stdout()).isEqualTo("line\n");
        }
    }

    @Test
    void refusesASubPathExprThatExpandsToAPathOutOfTheVolume() {
        Pod pod = Pods.named("sub-path-expr-up")
                .volume(new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build())
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600").env("UP", "..")
                        .volumeMounts(List.of(new VolumeMountBuilder().withName("data").withMountPath("/data")
                                .withSubPathExpr("$(UP)/etc").build())))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            String message = "unable to provision SubPath `../etc`: must not contain '..'";
            assertThat(configError(h, "app")).isEqualTo(message);
            h.await(x -> failedEvents(h).contains("Error: " + message), "record a Failed event", WAIT);
            assertThat(h.status().getPhase()).isEqualTo("Pending");
        }
    }

    @Test
    void refusesASubPathExprThatExpandsToAnAbsolutePath() {
        Pod pod = Pods.named("sub-path-expr-abs")
                .volume(new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build())
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600").env("DIR", "/etc")
                        .volumeMounts(List.of(new VolumeMountBuilder().withName("data").withMountPath("/data")
                                .withSubPathExpr("$(DIR)").build())))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            assertThat(configError(h, "app")).isEqualTo("error SubPath `/etc` must not be an absolute path");
        }
    }

    @Test
    void refusesASubPathExprNamingAVariableWithoutAValue() {
        Pod pod = Pods.named("sub-path-expr-missing")
                .volume(new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build())
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600").env("EMPTY", "")
                        .volumeMounts(List.of(new VolumeMountBuilder().withName("data").withMountPath("/data")
                                .withSubPathExpr("$(NOPE)/$(EMPTY)").build())))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            assertThat(configError(h, "app")).isEqualTo("missing value for EMPTY, NOPE");
        }
    }

    // ---------------------------------------------------------------- runAsNonRoot

    @Test
    void refusesRunAsUserZeroUnderRunAsNonRoot() {
        Pod pod = Pods.named("non-root-uid0")
                .securityContext(new PodSecurityContextBuilder().withRunAsNonRoot(true).build())
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .securityContext(new SecurityContextBuilder().withRunAsUser(0L).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            String message = "container's runAsUser breaks non-root policy" + where(h, "app");
            assertThat(configError(h, "app")).isEqualTo(message);
            h.await(x -> failedEvents(h).contains("Error: " + message), "record a Failed event", WAIT);
        }
    }

    @Test
    void refusesAnImageThatRunsAsRootUnderRunAsNonRoot() {
        Pod pod = Pods.named("non-root-image-root")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .securityContext(new SecurityContextBuilder().withRunAsNonRoot(true).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            String message = "container has runAsNonRoot and image will run as root" + where(h, "app");
            assertThat(configError(h, "app")).isEqualTo(message);
            h.await(x -> failedEvents(h).contains("Error: " + message), "record a Failed event", WAIT);
        }
    }

    @Test
    void refusesAnImageWhoseUserIsANameUnderRunAsNonRoot() {
        Pod pod = Pods.named("non-root-image-name")
                .securityContext(new PodSecurityContextBuilder().withRunAsNonRoot(true).build())
                .container("app", c -> c.image(NAMED_USER_IMAGE).imagePullPolicy("Never").command("sleep", "3600"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            assertThat(configError(h, "app")).isEqualTo("container has runAsNonRoot and image has non-numeric user (nobody),"
                    + " cannot verify user is non-root" + where(h, "app"));
        }
    }

    @Test
    void runsAnImageWithANumericNonRootUserUnderRunAsNonRoot() {
        Pod pod = Pods.named("non-root-image-uid")
                .securityContext(new PodSecurityContextBuilder().withRunAsNonRoot(true).build())
                .container("app", c -> c.image(NUMERIC_USER_IMAGE).imagePullPolicy("Never").command("sleep", "3600"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            assertThat(h.exec("app", "id", "-u").stdout()).isEqualTo("65534\n");
        }
    }

    @Test
    void runsAsTheGivenNonRootUserWhateverTheImageSays() {
        Pod pod = Pods.named("non-root-uid")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .securityContext(new SecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(1000L).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            assertThat(h.exec("app", "id", "-u").stdout()).isEqualTo("1000\n");
        }
    }

    // ---------------------------------------------------------------- probes

    /** Answers every request with a redirect to another host, as a login page or a moved site does. */
    private static final String REDIRECT_SERVER = """
            cat > /tmp/answer.sh <<'EOF'
            while read -r line; do
              line=$(echo "$line" | tr -d '\\r')
              [ -z "$line" ] && break
            done
            body='<a href="http://elsewhere.invalid/">Found</a>.'
            printf 'HTTP/1.0 302 Found\\r\\nLocation: http://elsewhere.invalid/\\r\\nContent-Length: %s\\r\\n\\r\\n%s' "${#body}" "$body"
            EOF
            while true; do nc -l -p 8080 -e sh /tmp/answer.sh; done
            """;

    private static final HTTPGetAction GET = new HTTPGetActionBuilder().withPath("/healthz").withPort(new IntOrString(8080)).build();

    @Test
    void aRedirectToAnotherHostMakesAReadinessProbePass() {
        Pod pod = Pods.named("probe-redirect")
                .container("web", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", REDIRECT_SERVER).port(8080)
                        .readinessProbe(new ProbeBuilder().withHttpGet(GET).withPeriodSeconds(1).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
        }
    }

    @Test
    void theProberWarnsInTheKubeletsWordsAboutARedirectToAnotherHost() {
        Pod pod = Pods.named("probe-redirect-warning")
                .container("web", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", REDIRECT_SERVER).port(8080))
                .build();
        ProbeRunner runner = new ProbeRunner(ENGINE.engine().docker().client());
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            ProbeTarget target = new ProbeTarget(h.containerId("web", false), h.podIP(), false, Map.of(),
                    Map.of(8080, h.endpoint("web", 8080)));
            // The server answers one connection at a time: wait until it listens.
            ProbeResult result = Awaitility.await().atMost(WAIT)
                    .until(() -> runner.httpGet(GET, target, Duration.ofSeconds(5)), ProbeResult::success);
            assertThat(result).isEqualTo(ProbeResult.warned(
                    "Probe terminated redirects, Response body: <a href=\"http://elsewhere.invalid/\">Found</a>."));
        } finally {
            runner.close();
        }
    }
}
