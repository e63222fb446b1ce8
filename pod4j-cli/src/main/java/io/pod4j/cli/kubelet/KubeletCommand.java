package io.pod4j.cli.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.pod4j.api.build.Copies;
import io.pod4j.api.error.ManifestException;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.cli.CliError;
import io.pod4j.cli.supervisor.SupervisorProcess;
import io.pod4j.engine.docker.Labels;
import io.pod4j.engine.reaper.Owner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * removed are followed within a second. Each pod is posted to the supervisor's API server as a
 * mirror pod is, named {@code <name>-<nodeName>}, so kubectl shows it; a mirror deleted through the
 * API is posted again. Ctrl-C deletes them all gracefully. They are created for this process
 * (annotation {@code io.pod4j.created-for}): if it is killed, they are orphans, which the reaper
 * kills at once.
 */
@Command(name = "kubelet", mixinStandardHelpOptions = true, description = "Run static pods from a directory, in the foreground.")
public class KubeletCommand implements Callable<Integer> {

    @Option(names = "--pod-manifest-path", description = "the directory of static pod manifests")
    Path dir;

    @Option(names = "--config", description = "a KubeletConfiguration file with staticPodPath")
    Path config;

    @Option(names = "--sync-frequency", defaultValue = "300ms", description = "how often the directory is read (300ms, 1s)")
    String every;

    private final Map<Path, Static> running = new HashMap<>();
    private volatile boolean stopping;
    private ApiClient api;

    /** A file seen, and the pod posted for it (no pod when the file does not hold one). */
    private record Static(String content, String path, String json) {
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
            throw new CliError("--pod-manifest-path (or --config with staticPodPath) is required");
        }
        api = ApiClient.of(SupervisorProcess.kubeconfig());
        String node = api.get("/api/v1/nodes").path("items").path(0).path("metadata").path("name").asText();
        log("static pods from " + dir.toAbsolutePath() + " on node " + node + " (Ctrl-C stops them)");
        long everyMillis = millis(every);
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
                try {
                    sync(node);
                } catch (CliError | UncheckedIOException e) {
                    if (!stopping) {
                        log("sync failed, trying again: " + e.getMessage());
                    }
                }
                try {
                    Thread.sleep(everyMillis);
                } catch (InterruptedException e) {
                    break;
                }
            }
        } finally {
            Thread.interrupted();
            log("stopping " + running.values().stream().filter(s -> s.path() != null).count() + " static pod(s)");
            for (Static s : running.values()) {
                delete(s);
            }
            running.clear();
            stopped.countDown();
        }
        return 0;
    }

    private void sync(String node) {
        Map<Path, String> files = read();
        for (var it = running.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            String now = files.get(e.getKey());
            if (now == null || !now.equals(e.getValue().content())) {
                log((now == null ? "file removed: " : "file changed: ") + e.getKey() + "; deleting its pod");
                delete(e.getValue());
                it.remove();
            } else if (e.getValue().path() != null && api.get(e.getValue().path()) == null) {
                // As a node's kubelet does when its mirror pod is deleted through the API: post it again.
                log("pod " + e.getValue().path() + " was deleted through the API; posting it again");
                api.post(collection(e.getValue().path()), e.getValue().json());
            }
        }
        for (var f : files.entrySet()) {
            if (!running.containsKey(f.getKey()) && !stopping) {
                running.put(f.getKey(), start(f.getKey(), f.getValue(), node));
            }
        }
    }

    private Map<Path, String> read() {
        Map<Path, String> files = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
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
        return files;
    }

    private Static start(Path file, String content, String node) {
        Pod pod;
        try {
            List<HasMetadata> objects = Manifests.lenient().read(file.toString(), content);
            pod = objects.stream().filter(o -> o instanceof Pod).map(o -> (Pod) o).findFirst().orElse(null);
        } catch (ManifestException e) {
            log("skipping " + file + ": it does not parse as a pod manifest: " + e.getMessage().replace('\n', ' '));
            return new Static(content, null, null);
        }
        if (pod == null) {
            log("skipping " + file + ": no Pod in it");
            return new Static(content, null, null);
        }
        if (pod.getMetadata() == null || pod.getMetadata().getName() == null || pod.getMetadata().getName().isEmpty()) {
            log("skipping " + file + ": metadata.name: Required value: name or generateName is required");
            return new Static(content, null, null);
        }
        Pod staticPod = Copies.of(pod);
        String name = pod.getMetadata().getName() + "-" + node;
        String ns = staticPod.getMetadata().getNamespace() == null ? "default" : staticPod.getMetadata().getNamespace();
        Map<String, String> annotations = staticPod.getMetadata().getAnnotations() == null ? new HashMap<>()
                : new HashMap<>(staticPod.getMetadata().getAnnotations());
        annotations.put("kubernetes.io/config.source", "file");
        annotations.put("kubernetes.io/config.hash", Integer.toHexString(content.hashCode()));
        annotations.put("kubernetes.io/config.mirror", Integer.toHexString(content.hashCode()));
        annotations.put(Labels.CREATED_FOR, Owner.current().id());
        staticPod.getMetadata().setName(name);
        staticPod.getMetadata().setNamespace(ns);
        staticPod.getMetadata().setAnnotations(annotations);
        if (staticPod.getSpec() == null) {
            staticPod.setSpec(new PodSpec());
        }
        staticPod.getSpec().setNodeName(node);
        String path = "/api/v1/namespaces/" + ns + "/pods/" + name;
        String json = Manifests.toJson(staticPod);
        try {
            api.post(collection(path), json);
        } catch (CliError e) {
            log("cannot start static pod " + ns + "/" + name + " from " + file + ": " + e.getMessage());
            return new Static(content, null, null);
        }
        log("started static pod " + ns + "/" + name + " from " + file);
        return new Static(content, path, json);
    }

    /** Deletes the file's pod and waits until it is gone, as the kubelet stops a static pod. */
    private void delete(Static s) {
        if (s.path() == null) {
            return;
        }
        api.delete(s.path());
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (api.get(s.path()) != null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log("deleted static pod " + s.path().replaceFirst("^/api/v1/namespaces/", "").replace("/pods/", "/"));
    }

    private static long millis(String duration) {
        try {
            return duration.endsWith("ms") ? Long.parseLong(duration.substring(0, duration.length() - 2))
                    : duration.endsWith("s") ? Long.parseLong(duration.substring(0, duration.length() - 1)) * 1000
                    : Long.parseLong(duration);
        } catch (NumberFormatException e) {
            throw new CliError("invalid argument \"" + duration + "\" for \"--sync-frequency\" flag: give 300ms or 1s");
        }
    }

    private static String collection(String podPath) {
        return podPath.substring(0, podPath.lastIndexOf('/'));
    }

    private static void log(String message) {
        System.err.println("I" + LocalTime.now() + " kubelet: " + message);
    }
}
