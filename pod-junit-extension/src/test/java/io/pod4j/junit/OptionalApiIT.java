package io.pod4j.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pod4j.api.build.Pods;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.TestImages;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The API server, fabric8's client and the Kubernetes backend (pod-kubernetes, on this class path)
 * are optional: a cold JVM whose tests never ask for them loads none of their classes, nor Netty's; a test that asks without them on the class path is
 * told which artifacts to add. Each case runs test classes in a JVM of its own, as a build tool would.
 */
class OptionalApiIT {

    private static final String BETWEEN_RUNS = "--- the run without the API is over ---";
    private static final Pattern LOADED = Pattern.compile("\\[class,load\\s*\\] (\\S+) ");

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @Test
    void aColdRunThatNeverAsksForTheApiLoadsNoNettyNorApiServerNorFabric8ClientClass() throws Exception {
        String out = runJava(System.getProperty("java.class.path"), "-Xlog:class+load=info:stdout:tags", "cold");
        assertThat(out).contains(BETWEEN_RUNS).doesNotContain("FAILED");
        List<String> before = loaded(out.substring(0, out.indexOf(BETWEEN_RUNS)));
        List<String> after = loaded(out.substring(out.indexOf(BETWEEN_RUNS)));
        assertThat(before).as("classes loaded by the run with a pod").contains(PodExtension.class.getName(), PodHandle.class.getName());
        assertThat(before).as("classes loaded by the run that never asked for the API")
                .noneMatch(c -> c.startsWith("io.netty.") || c.startsWith("io.pod4j.apiserver.")
                        || c.startsWith("io.fabric8.kubernetes.client.") || c.startsWith("io.pod4j.kubernetes."));
        // The same detection sees them once a test asks for a client: the check above can fail.
        // Netty as pod-apiserver's jar carries it, relocated (target/classes in a module's own build: io.netty).
        assertThat(after).anyMatch(c -> c.startsWith("io.netty.") || c.startsWith("io.pod4j.apiserver.shaded.netty."))
                .anyMatch(c -> c.startsWith("io.pod4j.apiserver."))
                .anyMatch(c -> c.startsWith("io.fabric8.kubernetes.client."));
    }

    @Test
    void askingForTheApiWithoutPodApiserverOnTheClassPathNamesTheArtifactToAdd() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("pod-apiserver")).collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).isNotEqualTo(System.getProperty("java.class.path"));
        String out = runJava(classPath, null, "missing");
        assertThat(out).contains("FAILED client: a KubernetesClient parameter needs the engine to serve the Kubernetes API, and"
                + " io.pod4j:pod-apiserver is not on the test class path: add io.pod4j:pod-apiserver to the test dependencies");
        assertThat(out).contains("FAILED kubeconfig: a @Kubeconfig Path parameter needs the engine to serve the Kubernetes API,"
                + " and io.pod4j:pod-apiserver is not on the test class path");
    }

    private static List<String> loaded(String log) {
        Matcher m = LOADED.matcher(log);
        List<String> classes = new java.util.ArrayList<>();
        while (m.find()) {
            classes.add(m.group(1));
        }
        return classes;
    }

    private static String runJava(String classPath, String jvmOption, String mode) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", classPath));
        if (jvmOption != null) {
            command.add(jvmOption);
        }
        command.addAll(List.of(OptionalApiIT.class.getName(), mode));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    /**
     * The child JVM. {@code cold}: a class with a pod and no API, then one asking for a client.
     * {@code missing}: classes asking for a client and a kubeconfig; prints each failure.
     *
     * @param args the mode
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args[0].equals("cold")) {
            run(out, PodOnlyTestCase.class);
            out.println(BETWEEN_RUNS);
            out.flush();
            run(out, ClientTestCase.class);
        } else {
            run(out, ClientTestCase.class);
            run(out, KubeconfigTestCase.class);
        }
        out.flush();
    }

    private static void run(PrintStream out, Class<?> testClass) {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), summary);
        summary.getSummary().getFailures().forEach(f -> out.println("FAILED " + f.getTestIdentifier().getDisplayName()
                .replaceAll("\\(.*", "") + ": " + f.getException().getMessage()));
        out.println(testClass.getSimpleName() + ": " + summary.getSummary().getTestsSucceededCount() + " succeeded");
    }

    @PodTest
    static class PodOnlyTestCase {
        @TestPod(method = "pod")
        static PodHandle pod;

        static Pod pod() {
            return Pods.named("optional-api-pod").container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
        }

        @Test
        void runs() {
            assertThat(pod.status().getPhase()).isEqualTo("Running");
        }
    }

    @PodTest
    static class ClientTestCase {
        @Test
        void client(KubernetesClient client) {
            assertThat(client.pods().inNamespace("default").list().getItems()).isNotNull();
        }
    }

    @PodTest
    static class KubeconfigTestCase {
        @Test
        void kubeconfig(@Kubeconfig Path kubeconfig) {
            assertThat(kubeconfig).exists();
        }
    }
}
