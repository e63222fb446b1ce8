package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.engine.EngineExtension;
import io.pod4j.engine.PodEngine;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One engine and one API server per test class (state in {@code target/pod4j-state/CLASS}); after
 * the class, every pod is deleted and {@link EngineExtension} checks no Docker object is left.
 * Runs the installed kubectl against the server.
 */
public final class ApiServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final EngineExtension engine = new EngineExtension();
    private ApiServer server;
    private Path cacheDir;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        engine.beforeAll(context);
        Path state = Path.of("target", "pod4j-state", context.getRequiredTestClass().getSimpleName()).toAbsolutePath();
        server = ApiServer.start(engine.engine(), ApiServerOptions.defaults().stateDir(state));
        cacheDir = Files.createDirectories(state.resolve("kube-cache"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            server.close();
            PodEngine e = engine.engine();
            DeleteOptions now = new DeleteOptions();
            now.setGracePeriodSeconds(0L);
            for (Pod p : e.store().list(ResourceTypes.PODS, ListOptions.all()).items()) {
                try {
                    e.store().delete(ResourceTypes.PODS, p.getMetadata().getNamespace(), p.getMetadata().getName(), now);
                } catch (StoreException gone) {
                    // Deleted meanwhile.
                }
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(
                    () -> e.store().list(ResourceTypes.PODS, ListOptions.all()).items().isEmpty());
        } finally {
            engine.afterAll(context);
        }
    }

    public PodEngine engine() {
        return engine.engine();
    }

    public ApiServer server() {
        return server;
    }

    /** @return a new fabric8 client configured from the kubeconfig the server wrote; the caller closes it */
    public io.fabric8.kubernetes.client.KubernetesClient fabric8Client() throws IOException {
        return new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(
                        java.nio.file.Files.readString(server.kubeconfig()))).build();
    }

    /**
     * Runs the installed kubectl with the server's kubeconfig.
     *
     * @param args kubectl's arguments
     * @return its exit code and output
     */
    public Result kubectl(String... args) {
        return kubectlWithInput(null, args);
    }

    /** As {@link #kubectl}, with {@code stdin} written to its standard input. */
    public Result kubectlWithInput(String stdin, String... args) {
        return run(stdin, java.util.Map.of(), args);
    }

    /** As {@link #kubectl}, with these environment variables added (e.g. {@code EDITOR} for kubectl edit). */
    public Result kubectlWithEnv(java.util.Map<String, String> env, String... args) {
        return run(null, env, args);
    }

    private Result run(String stdin, java.util.Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", server.kubeconfig().toString(),
                "--cache-dir", cacheDir.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("kubectl", ".out");
            Path err = Files.createTempFile("kubectl", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 120 s");
            }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new AssertionError("cannot run kubectl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * What a kubectl run gave.
     *
     * @param exitCode its exit code
     * @param out standard output
     * @param err standard error
     */
    public record Result(int exitCode, String out, String err) {

        /** @return this, after checking that kubectl succeeded */
        public Result ok() {
            assertThat(exitCode).as("kubectl failed: %s%s", out, err).isZero();
            return this;
        }
    }
}
