package io.pod4j.cli.supervisor;

import io.pod4j.api.model.Pod;
import io.pod4j.engine.reaper.Owner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's desired state on disk, as etcd keeps it for an API server: one JSON file per
 * pod (spec, labels, annotations; no status), so that a supervisor that died and was started
 * again re-creates the pods the user asked for, with the labels and annotations they had; and,
 * beside a pod created for a client process (a {@code pod4j kubelet}'s static pod), that owner.
 */
final class PodStore {

    private static final Logger LOG = LoggerFactory.getLogger(PodStore.class);

    private final Path dir;

    PodStore(Path dir) {
        this.dir = dir;
    }

    void save(Pod pod) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file(pod) + ".tmp");
            Files.write(tmp, Wire.JSON.writeValueAsBytes(pod.withStatus(null)));
            Files.move(tmp, dir.resolve(file(pod)), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("could not persist pod {}/{}: {}", pod.metadata().namespace(), pod.metadata().name(), e.toString());
        }
    }

    /**
     * Records the client process a pod was created for; {@link #remove} forgets it with the pod.
     */
    void saveOwner(String namespace, String name, Owner owner) {
        try {
            Files.createDirectories(dir);
            Files.writeString(ownerFile(namespace, name), owner.id());
        } catch (IOException e) {
            LOG.warn("could not persist the owner of pod {}/{}: {}", namespace, name, e.toString());
        }
    }

    /** @return the client process the pod was created for, if it was created for one */
    Optional<Owner> owner(String namespace, String name) {
        try {
            return Owner.parse(Files.readString(ownerFile(namespace, name)).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void remove(String namespace, String name) {
        try {
            Files.deleteIfExists(ownerFile(namespace, name));
            Files.deleteIfExists(dir.resolve(namespace + "_" + name + ".json"));
        } catch (IOException e) {
            LOG.warn("could not forget pod {}/{}: {}", namespace, name, e.toString());
        }
    }

    List<Pod> all() {
        List<Pod> pods = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return pods;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                try {
                    pods.add(Wire.JSON.readValue(f.toFile(), Pod.class));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("skipping unreadable pod state {}: {}", f, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.warn("could not read {}: {}", dir, e.toString());
        }
        return pods;
    }

    private Path ownerFile(String namespace, String name) {
        return dir.resolve(namespace + "_" + name + ".owner");
    }

    private static String file(Pod pod) {
        return pod.metadata().namespace() + "_" + pod.metadata().name() + ".json";
    }
}
