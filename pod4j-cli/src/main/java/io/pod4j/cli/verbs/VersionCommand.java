package io.pod4j.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import io.pod4j.cli.supervisor.SupervisorClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code version}: the CLI's version, and the supervisor's when one runs (none is started for this). */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the client and server version.")
public class VersionCommand implements Callable<Integer> {

    static String version() {
        String v = VersionCommand.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    @picocli.CommandLine.Option(names = "--client", description = "the client's version only (no server is asked)")
    boolean client;

    @Override
    public Integer call() {
        System.out.println("Client Version: pod4j " + version());
        if (client) {
            return 0;
        }
        if (SupervisorClient.isRunning()) {
            JsonNode r = SupervisorClient.call(SupervisorClient.request("ping"));
            System.out.println("Server Version: pod4j " + version() + " (supervisor pid " + r.path("pid").asText()
                    + ", node " + r.path("node").asText() + ", Docker " + r.path("docker").asText() + ")");
        } else {
            System.out.println("Server Version: not running (started on demand by the first command that needs it)");
        }
        return 0;
    }

    /** Answers {@code pod4j --version}. */
    public static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pod4j " + version()};
        }
    }
}
