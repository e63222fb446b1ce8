package io.pod4j.engine.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where a Docker engine may be, in the order Testcontainers looks: {@code DOCKER_HOST}, then
 * {@code docker.host} in {@code ~/.testcontainers.properties}, then the usual local sockets of
 * Docker, and after them Podman's ({@code $XDG_RUNTIME_DIR/podman/podman.sock} of a rootless
 * {@code podman system service}, {@code /run/podman/podman.sock} of a rootful one). Reading these
 * costs microseconds, unlike Testcontainers' full strategy search.
 */
final class DockerEndpoints {

    private DockerEndpoints() {
    }

    /**
     * @param explicit an endpoint the caller chose, or null
     * @return candidate endpoints, most specific first, each with where it came from
     */
    static List<String[]> candidates(String explicit) {
        return candidates(explicit, System::getenv, System.getProperty("user.home"), Files::exists);
    }

    /**
     * @param explicit an endpoint the caller chose, or null
     * @param env the environment
     * @param home the user's home directory, or null
     * @param exists whether a socket file exists
     * @return candidate endpoints, most specific first, each with where it came from
     */
    static List<String[]> candidates(String explicit, Function<String, String> env, String home, Predicate<Path> exists) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        List<String[]> out = new ArrayList<>();
        if (explicit != null && !explicit.isBlank()) {
            add(out, seen, explicit, "engine option");
            return out;
        }
        String dockerHost = env.apply("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            add(out, seen, dockerHost, "DOCKER_HOST");
            return out;
        }
        String fromProperties = home == null ? null : testcontainersProperty(Path.of(home));
        if (fromProperties != null) {
            add(out, seen, fromProperties, "docker.host in ~/.testcontainers.properties");
        }
        add(out, seen, "unix:///var/run/docker.sock", "default socket");
        String runtime = env.apply("XDG_RUNTIME_DIR");
        if (home != null) {
            addIfExists(out, seen, exists, Path.of(home, ".docker", "run", "docker.sock"), "Docker Desktop socket");
        }
        if (runtime != null && !runtime.isBlank()) {
            addIfExists(out, seen, exists, Path.of(runtime, "docker.sock"), "rootless Docker socket");
            addIfExists(out, seen, exists, Path.of(runtime, "podman", "podman.sock"), "rootless Podman socket");
        }
        addIfExists(out, seen, exists, Path.of("/run/podman/podman.sock"), "Podman socket");
        return out;
    }

    private static void addIfExists(List<String[]> out, LinkedHashSet<String> seen, Predicate<Path> exists, Path socket,
            String origin) {
        if (exists.test(socket)) {
            add(out, seen, "unix://" + socket, origin);
        }
    }

    private static void add(List<String[]> out, LinkedHashSet<String> seen, String endpoint, String origin) {
        if (seen.add(endpoint)) {
            out.add(new String[] {endpoint, origin});
        }
    }

    private static String testcontainersProperty(Path home) {
        Path file = home.resolve(".testcontainers.properties");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            return null;
        }
        String host = p.getProperty("docker.host");
        return host == null || host.isBlank() ? null : host.trim();
    }
}
