package io.pod4j.apiserver.stream;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * kubectl 1.20 (SPDY/3.1 only), from Debian's {@code kubernetes-client} package unpacked into
 * {@code target/kubectl-1.20}, never installed.
 */
final class OldKubectl {

    private static final Path DIR = Path.of("target", "kubectl-1.20").toAbsolutePath();

    private OldKubectl() {
    }

    /**
     * @return the kubectl 1.20 binary, downloaded and unpacked on first use
     * @throws IllegalStateException when apt-get or dpkg cannot provide it (with what to do)
     */
    static synchronized Path binary() throws IOException, InterruptedException {
        Path kubectl = DIR.resolve("usr/bin/kubectl");
        if (Files.isExecutable(kubectl)) {
            return kubectl;
        }
        Files.createDirectories(DIR);
        run("apt-get", "download", "kubernetes-client");
        File deb;
        try (var files = Files.list(DIR)) {
            deb = files.filter(p -> p.getFileName().toString().startsWith("kubernetes-client_")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("apt-get download kubernetes-client left no .deb in " + DIR))
                    .toFile();
        }
        run("dpkg", "-x", deb.getName(), ".");
        if (!Files.isExecutable(kubectl)) {
            throw new IllegalStateException(deb + " has no usr/bin/kubectl");
        }
        return kubectl;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed in " + DIR + " (kubectl 1.20 comes from"
                    + " Debian's kubernetes-client package; run it by hand there):\n" + out);
        }
    }
}
