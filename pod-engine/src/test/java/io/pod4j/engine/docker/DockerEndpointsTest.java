package io.pod4j.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order endpoints are tried in, decided from a given environment and set of socket files: no engine needed. */
class DockerEndpointsTest {

    @TempDir
    Path home;

    private List<String> endpoints(Map<String, String> env, Set<Path> sockets) {
        return DockerEndpoints.candidates(null, env::get, home.toString(), sockets::contains).stream()
                .map(c -> c[0]).toList();
    }

    @Test
    void triesPodmansSocketsAfterEveryDockerSocket() {
        Set<Path> sockets = Set.of(home.resolve(".docker/run/docker.sock"), Path.of("/run/user/1000/docker.sock"),
                Path.of("/run/user/1000/podman/podman.sock"), Path.of("/run/podman/podman.sock"));

        assertThat(endpoints(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), sockets)).containsExactly(
                "unix:///var/run/docker.sock",
                "unix://" + home.resolve(".docker/run/docker.sock"),
                "unix:///run/user/1000/docker.sock",
                "unix:///run/user/1000/podman/podman.sock",
                "unix:///run/podman/podman.sock");
    }

    @Test
    void triesTheRootlessPodmanSocketBeforeTheRootfulOne() {
        Set<Path> sockets = Set.of(Path.of("/run/user/1000/podman/podman.sock"), Path.of("/run/podman/podman.sock"));

        assertThat(endpoints(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), sockets)).containsExactly(
                "unix:///var/run/docker.sock", "unix:///run/user/1000/podman/podman.sock", "unix:///run/podman/podman.sock");
    }

    @Test
    void leavesOutPodmanSocketsThatDoNotExist() {
        assertThat(endpoints(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), Set.of())).containsExactly("unix:///var/run/docker.sock");
    }

    @Test
    void namesWhereEachPodmanSocketCameFrom() {
        var candidates = DockerEndpoints.candidates(null, Map.of("XDG_RUNTIME_DIR", "/run/user/1000")::get, home.toString(),
                Set.of(Path.of("/run/user/1000/podman/podman.sock"), Path.of("/run/podman/podman.sock"))::contains);

        assertThat(candidates.stream().map(c -> c[1]).toList())
                .containsExactly("default socket", "rootless Podman socket", "Podman socket");
    }

    @Test
    void triesOnlyDockerHostWhenItIsSetEvenIfPodmanRuns() {
        assertThat(endpoints(Map.of("DOCKER_HOST", "unix:///tmp/podman.sock"), Set.of(Path.of("/run/podman/podman.sock"))))
                .containsExactly("unix:///tmp/podman.sock");
    }

    @Test
    void triesTheTestcontainersPropertyFirst() throws IOException {
        Files.writeString(home.resolve(".testcontainers.properties"), "docker.host=unix:///run/podman/podman.sock\n");

        assertThat(endpoints(Map.of(), Set.of(Path.of("/run/podman/podman.sock"))))
                .containsExactly("unix:///run/podman/podman.sock", "unix:///var/run/docker.sock");
    }
}
