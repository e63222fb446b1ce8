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

    @Parameters(index = "0", arity = "0..1", description = "NAME or pod/NAME")
    String pod;

    @Option(names = {"-l", "--selector"}, description = "the logs of every pod this label selector matches")
    String selector;

    @Option(names = {"-c", "--container"}, description = "the container")
    String container;

    @Option(names = {"-f", "--follow"}, description = "stream the logs")
    boolean follow;

    @Option(names = {"-p", "--previous"}, description = "the previous instance of the container")
    boolean previous;

    @Option(names = "--tail", description = "lines of recent log to show (-1: all; 10 with a selector)")
    Integer tail;

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
    public Integer call() throws Exception {
        if (pod == null && selector == null) {
            throw new ApiError(null, "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
                    + "POD or TYPE/NAME is a required argument for the logs command\nSee 'pod4j logs -h' for help and examples");
        }
        if (pod != null && selector != null) {
            throw new ApiError(null, "only a selector (-l) or a POD name is allowed");
        }
        // kubectl shows every line of one pod, but only the last 10 of each pod a selector picks.
        int lines = tail != null ? tail : selector != null ? 10 : -1;
        List<Pod> pods = new ArrayList<>();
        if (selector != null) {
            ObjectNode req = SupervisorClient.request("list").put("namespace", scope.namespace()).put("labelSelector", selector);
            Pods.pods(SupervisorClient.call(req).get("items")).forEach(pods::add);
            if (pods.isEmpty()) {
                System.err.println("No resources found in " + scope.namespace() + " namespace.");
                return 0;
            }
        } else {
            pods.add(PodRef.get(scope.namespace(), PodRef.name(pod)));
        }
        List<Runnable> streams = new ArrayList<>();
        for (Pod p : pods) {
            List<String> containers = new ArrayList<>();
            if (allContainers) {
                p.spec().initContainers().forEach(c -> containers.add(c.name()));
                p.spec().containers().forEach(c -> containers.add(c.name()));
            } else {
                containers.add(selector != null && container == null ? quietDefault(p) : PodRef.container(p, container));
            }
            for (String c : containers) {
                var refused = ContainerAccess.logs(p, c, previous);
                if (refused.isPresent()) {
                    throw refused.get();
                }
                streams.add(() -> stream(p.metadata().name(), c, lines));
            }
        }
        if (follow && streams.size() > 1) {
            // Followed streams run side by side, as kubectl follows several pods at once.
            List<Thread> threads = new ArrayList<>();
            streams.forEach(r -> threads.add(new Thread(r, "pod4j-logs")));
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
        } else {
            streams.forEach(Runnable::run);
        }
        return 0;
    }

    private static String quietDefault(Pod p) {
        String annotated = p.metadata().annotations().get("kubectl.kubernetes.io/default-container");
        return annotated != null ? annotated : p.spec().containers().get(0).name();
    }

    private void stream(String name, String c, int lines) {
        ObjectNode req = SupervisorClient.request("logs").put("namespace", scope.namespace()).put("name", name)
                .put("container", c).put("previous", previous).put("follow", follow)
                .put("timestamps", timestamps);
        if (lines >= 0) {
            req.put("tail", lines);
        }
        if (since != null) {
            req.put("sinceSeconds", parseDuration(since).toSeconds());
        }
        String linePrefix = prefix ? "[pod/" + name + "/" + c + "] " : "";
        SupervisorClient.stream(req, r -> {
            if (r.has("data")) {
                String data = r.get("data").asText();
                synchronized (System.out) {
                    System.out.print(linePrefix.isEmpty() ? data
                            : data.replaceAll("(?m)^(?=.)", java.util.regex.Matcher.quoteReplacement(linePrefix)));
                    System.out.flush();
                }
            }
        });
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
