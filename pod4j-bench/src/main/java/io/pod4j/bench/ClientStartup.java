package io.pod4j.bench;

import io.pod4j.engine.PodEngine;
import io.pod4j.engine.docker.DockerConnection;
import java.io.PrintStream;

/**
 * Cold-JVM cost of reaching Docker, for {@code scripts/bench}: run it in a fresh JVM with
 * {@code pod4j} (pod4j's discovery and client), {@code engine} (a whole PodEngine) or
 * {@code testcontainers} (Testcontainers' DockerClientFactory), and it prints the milliseconds
 * from main() to a client that answered.
 */
public final class ClientStartup {

    private ClientStartup() {
    }

    /**
     * @param args {@code pod4j}, {@code engine} or {@code testcontainers}
     */
    public static void main(String[] args) {
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        switch (args.length == 0 ? "pod4j" : args[0]) {
            case "engine" -> {
                try (PodEngine engine = PodEngine.builder().build()) {
                    engine.node();
                }
            }
            case "testcontainers" -> org.testcontainers.DockerClientFactory.instance().client().pingCmd().exec();
            default -> {
                try (DockerConnection c = DockerConnection.open(null)) {
                    c.client().pingCmd().exec();
                }
            }
        }
        out.println((System.nanoTime() - t0) / 1_000_000);
    }
}
