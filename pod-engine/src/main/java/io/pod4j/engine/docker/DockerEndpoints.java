package io.pod4j.engine.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;

/**
 * Where a Docker engine may be, in the order Testcontainers looks: {@code DOCKER_HOST}, then
 * {@code docker.host} in {@code ~/.testcontainers.properties}, then the usual local sockets.
 * Reading these costs microseconds, unlike Testcontainers' full strategy search.
 */
final class DockerEndpoints {

    private DockerEndpoints() {
    }

    /**
     * @param explicit an endpoint the caller chose, or null
     * @return candidate endpoints, most specific first, each with where it came from
     */
    static List<String[]> candidates(String explicit) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        List<String[]> out = new ArrayList<>();
        if (explicit != null && !explicit.isBlank()) {
            add(out, seen, explicit, "engine option");
            return out;
        }
        String env = System.getenv("DOCKER_HOST");
        if (env != null && !env.isBlank()) {
            add(out, seen, env, "DOCKER_HOST");
            return out;
        }
        String fromProperties = testcontainersProperty();
        if (fromProperties != null) {
            add(out, seen, fromProperties, "docker.host in ~/.testcontainers.properties");
        }
        add(out, seen, "unix:///var/run/docker.sock", "default socket");
        String home = System.getProperty("user.home");
        if (home != null) {
            Path desktop = Path.of(home, ".docker", "run", "docker.sock");
            if (Files.exists(desktop)) {
                add(out, seen, "unix://" + desktop, "Docker Desktop socket");
            }
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && Files.exists(Path.of(runtime, "docker.sock"))) {
            add(out, seen, "unix://" + Path.of(runtime, "docker.sock"), "rootless Docker socket");
        }
        return out;
    }

    private static void add(List<String[]> out, LinkedHashSet<String> seen, String endpoint, String origin) {
        if (seen.add(endpoint)) {
            out.add(new String[] {endpoint, origin});
        }
    }

    private static String testcontainersProperty() {
        String home = System.getProperty("user.home");
        if (home == null) {
            return null;
        }
        Path file = Path.of(home, ".testcontainers.properties");
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
