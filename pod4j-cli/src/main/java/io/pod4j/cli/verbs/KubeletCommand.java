package io.pod4j.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.api.error.ManifestException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.pod4j.api.build.Copies;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.cli.ApiError;
import io.pod4j.cli.supervisor.SupervisorClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kubelet --pod-manifest-path DIR}: static pods, in the foreground. Every regular file of the
 * directory that is not a dotfile is a manifest, whatever its extension; files added, changed and
 * removed are followed within a second; pods are named {@code <name>-<nodeName>} like mirror pods
 * and are visible to {@code pod4j get pods}; Ctrl-C deletes them all gracefully. They are created
 * for this process: if it is killed, they are orphans, which the reaper kills at once.
 */
@Command(name = "kubelet", mixinStandardHelpOptions = true, description = "Run static pods from a directory, in the foreground.")
public class KubeletCommand implements Callable<Integer> {

    @Option(names = "--pod-manifest-path", description = "the directory of static pod manifests")
    Path dir;

    @Option(names = "--config", description = "a KubeletConfiguration file with staticPodPath")
    Path config;

    @Option(names = "--sync-frequency", defaultValue = "300ms", description = "how often the directory is read")
    String every;

    private final Map<Path, Static> running = new HashMap<>();
    private volatile boolean stopping;

    private record Static(String content, String namespace, String podName) {
    }

    @Override
    public Integer call() throws Exception {
        if (dir == null && config != null) {
            for (String line : Files.readAllLines(config)) {
                if (line.strip().startsWith("staticPodPath:")) {
                    dir = Path.of(line.strip().substring("staticPodPath:".length()).strip().replace("\"", ""));
                }
            }
        }
        if (dir == null) {
            throw new ApiError(null, "--pod-manifest-path (or --config with staticPodPath) is required");
        }
        String node = SupervisorClient.call(SupervisorClient.request("ping")).path("node").asText();
        log("static pods from " + dir.toAbsolutePath() + " on node " + node + " (Ctrl-C stops them)");
        long period = LogsCommand.parseDuration(every).toMillis();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            main.interrupt();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kubelet-stop"));
        try {
            while (!stopping) {
                sync(node);
                try {
                    Thread.sleep(period);
                } catch (InterruptedException e) {
                    break;
                }
            }
        } finally {
            Thread.interrupted();
            log("stopping " + running.size() + " static pod(s)");
            for (Static s : running.values()) {
                delete(s);
            }
            running.clear();
            stopped.countDown();
        }
        return 0;
    }

    private void sync(String node) {
        Map<Path, String> files = new HashMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> list = Files.list(dir)) {
                for (Path f : list.toList()) {
                    if (f.getFileName().toString().startsWith(".") || !Files.isRegularFile(f)) {
                        continue;
                    }
                    try {
                        files.put(f, Files.readString(f));
                    } catch (IOException e) {
                        // Removed while being read: seen on the next pass.
                    }
                }
            } catch (IOException e) {
                log("cannot read " + dir + ": " + e.getMessage());
            }
        }
        for (var it = running.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            String now = files.get(e.getKey());
            if (now == null || !now.equals(e.getValue().content())) {
                log((now == null ? "file removed: " : "file changed: ") + e.getKey() + "; deleting pod " + e.getValue().podName());
                delete(e.getValue());
                it.remove();
            }
        }
        for (var f : files.entrySet()) {
            if (running.containsKey(f.getKey()) || stopping) {
                continue;
            }
            Pod pod;
            try {
                List<HasMetadata> objects = Manifests.lenient().read(f.getKey().toString(), f.getValue());
                pod = objects.stream().filter(o -> o instanceof Pod).map(o -> (Pod) o).findFirst().orElse(null);
            } catch (ManifestException e) {
                log("skipping " + f.getKey() + ": it does not parse as a pod manifest: " + e.getMessage().replace('\n', ' '));
                running.put(f.getKey(), new Static(f.getValue(), null, null));
                continue;
            }
            if (pod == null) {
                log("skipping " + f.getKey() + ": no Pod in it");
                running.put(f.getKey(), new Static(f.getValue(), null, null));
                continue;
            }
            if (pod.getMetadata() == null || pod.getMetadata().getName() == null || pod.getMetadata().getName().isEmpty()) {
                log("skipping " + f.getKey() + ": metadata.name: Required value: name or generateName is required");
                running.put(f.getKey(), new Static(f.getValue(), null, null));
                continue;
            }
            Pod staticPod = Copies.of(pod);
            String name = pod.getMetadata().getName() + "-" + node;
            Map<String, String> annotations = staticPod.getMetadata().getAnnotations() == null ? new HashMap<>()
                    : new HashMap<>(staticPod.getMetadata().getAnnotations());
            annotations.put("kubernetes.io/config.source", "file");
            annotations.put("kubernetes.io/config.hash", Integer.toHexString(f.getValue().hashCode()));
            annotations.put("kubernetes.io/config.mirror", Integer.toHexString(f.getValue().hashCode()));
            staticPod.getMetadata().setName(name);
            staticPod.getMetadata().setAnnotations(annotations);
            if (staticPod.getSpec() == null) {
                staticPod.setSpec(new PodSpec());
            }
            staticPod.getSpec().setNodeName(node);
            ObjectNode req = SupervisorClient.request("apply").put("mode", "create").put("source", f.getKey().toString())
                    .put("text", Manifests.toYaml(staticPod)).put("ownerPid", ProcessHandle.current().pid());
            JsonNode r = SupervisorClient.call(req);
            String ns = staticPod.getMetadata().getNamespace() == null ? "default" : staticPod.getMetadata().getNamespace();
            if (r.get(0) != null && r.get(0).has("error")) {
                log("cannot start static pod " + name + " from " + f.getKey() + ": " + r.get(0).path("error").path("message").asText());
                running.put(f.getKey(), new Static(f.getValue(), null, null));
            } else {
                log("started static pod " + ns + "/" + name + " from " + f.getKey());
                running.put(f.getKey(), new Static(f.getValue(), ns, name));
            }
        }
    }

    private void delete(Static s) {
        if (s.podName() == null) {
            return;
        }
        ObjectNode req = SupervisorClient.request("delete").put("namespace", s.namespace()).put("wait", true)
                .put("ownerPid", ProcessHandle.current().pid());
        req.withArray("names").add(s.podName());
        SupervisorClient.call(req);
        log("deleted static pod " + s.namespace() + "/" + s.podName());
    }

    private static void log(String message) {
        System.err.println("I" + LocalTime.now() + " kubelet: " + message);
    }
}
