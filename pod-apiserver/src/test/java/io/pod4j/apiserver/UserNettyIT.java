package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API server in a JVM whose class path holds the user's own, older Netty (4.1) instead of the
 * 4.2 the server is built on: the server's Netty is relocated inside pod-apiserver's jar, so both
 * work side by side. The class path is the shaded jar, pod-apiserver's runtime dependencies
 * without Netty (target/runtime-classpath.txt) and Netty 4.1 (target/user-netty), both written by
 * the build before the ITs.
 */
class UserNettyIT {

    @Test
    void theServerAnswersBesideAUsersOwnNetty41() throws Exception {
        Path jar = Path.of(System.getProperty("pod4j.apiserver.jar"));
        assertThat(jar).as("the shaded jar (mvn verify packages it before the ITs)").isRegularFile();
        Path target = jar.getParent();
        List<String> cp = new ArrayList<>(List.of(jar.toString(), target.resolve("test-classes").toString()));
        cp.addAll(List.of(Files.readString(target.resolve("runtime-classpath.txt")).strip().split(java.io.File.pathSeparator)));
        try (Stream<Path> jars = Files.list(target.resolve("user-netty"))) {
            jars.map(Path::toString).forEach(cp::add);
        }
        assertThat(cp).noneMatch(e -> e.contains("4.2.") && e.contains("netty"));
        Path state = Files.createDirectories(target.resolve("pod4j-state").resolve("UserNettyIT"));

        String out = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", String.join(java.io.File.pathSeparator, cp),
                UserNettyApp.class.getName(), state.toString()));

        assertThat(out).contains("user netty: 4.1.");
        assertThat(out).containsPattern("user server: 200 netty 4\\.1\\.");
        assertThat(out).containsPattern("api server: 200 \\{.*\"kind\":\"Namespace\"");
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("user-netty", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the user's program did not end in 120 s: " + Files.readString(log));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("the user's program failed:%n%s", out).isZero();
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
