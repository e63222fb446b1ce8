package io.pod4j.cli.verbs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.api.model.Pod;
import io.pod4j.cli.ApiError;
import io.pod4j.cli.supervisor.SupervisorClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code logs NAME [-c C] [-f] [-p] [--tail N] [--since D] [--timestamps] [--all-containers]}. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print the logs of a container in a pod.")
public class LogsCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "NAME or pod/NAME")
    String pod;

    @Option(names = {"-c", "--container"}, description = "the container")
    String container;

    @Option(names = {"-f", "--follow"}, description = "stream the logs")
    boolean follow;

    @Option(names = {"-p", "--previous"}, description = "the previous instance of the container")
    boolean previous;

    @Option(names = "--tail", defaultValue = "-1", description = "lines of recent log to show (-1: all)")
    int tail;

    @Option(names = "--since", description = "only logs newer than a duration such as 5s, 2m, 3h")
    String since;

    @Option(names = "--timestamps", description = "prefix each line with its RFC 3339 timestamp")
    boolean timestamps;

    @Option(names = "--all-containers", description = "logs of every container of the pod")
    boolean allContainers;

    @Option(names = "--prefix", description = "prefix each line with the pod and container name")
    boolean prefix;

    @Mixin
    Scope scope;

    @Override
    public Integer call() {
        String name = PodRef.name(pod);
        Pod p = PodRef.get(scope.namespace(), name);
        List<String> containers = new ArrayList<>();
        if (allContainers) {
            p.spec().initContainers().forEach(c -> containers.add(c.name()));
            p.spec().containers().forEach(c -> containers.add(c.name()));
        } else {
            containers.add(PodRef.container(p, container));
        }
        for (String c : containers) {
            var refused = ContainerAccess.logs(p, c, previous);
            if (refused.isPresent()) {
                throw refused.get();
            }
            ObjectNode req = SupervisorClient.request("logs").put("namespace", scope.namespace()).put("name", name)
                    .put("container", c).put("previous", previous).put("follow", follow && !allContainers)
                    .put("timestamps", timestamps);
            if (tail >= 0) {
                req.put("tail", tail);
            }
            if (since != null) {
                req.put("sinceSeconds", parseDuration(since).toSeconds());
            }
            String linePrefix = prefix || allContainers && prefix ? "[pod/" + name + "/" + c + "] " : "";
            SupervisorClient.stream(req, r -> {
                if (r.has("data")) {
                    String data = r.get("data").asText();
                    System.out.print(linePrefix.isEmpty() ? data : data.replaceAll("(?m)^(?=.)", java.util.regex.Matcher.quoteReplacement(linePrefix)));
                    System.out.flush();
                }
            });
        }
        return 0;
    }

    static Duration parseDuration(String s) {
        try {
            Duration total = Duration.ZERO;
            var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(s);
            int end = 0;
            while (m.find()) {
                if (m.start() != end) {
                    throw new IllegalArgumentException();
                }
                end = m.end();
                long v = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(v);
                    case "s" -> Duration.ofSeconds(v);
                    case "m" -> Duration.ofMinutes(v);
                    default -> Duration.ofHours(v);
                });
            }
            if (end != s.length() || end == 0) {
                throw new IllegalArgumentException();
            }
            return total;
        } catch (IllegalArgumentException e) {
            throw new ApiError(null, "invalid argument \"" + s + "\": time: invalid duration \"" + s + "\"");
        }
    }
}
