package io.pod4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store on disk, as etcd keeps an API server's objects: one JSON file per object under
 * {@code <resource>/<namespace>/<name>.json} ({@code _} for cluster-scoped kinds) and the
 * revision in {@code revision}, so that objects and a still increasing resourceVersion survive a
 * restart. Each write replaces its file atomically before the store answers.
 */
final class Persistence {

    private static final Logger LOG = LoggerFactory.getLogger(Persistence.class);
    private static final String CLUSTER = "_";

    private final Path dir;

    Persistence(Path dir) {
        this.dir = dir;
    }

    /** What a previous store left: its objects and its revision. */
    record Loaded(List<ObjectNode> objects, long revision) {
    }

    Loaded load() {
        List<ObjectNode> objects = new ArrayList<>();
        long revision = 0;
        try {
            Files.createDirectories(dir);
            ownerOnly(dir);
            Path rev = dir.resolve("revision");
            if (Files.exists(rev)) {
                revision = Long.parseLong(Files.readString(rev, StandardCharsets.UTF_8).trim());
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    try {
                        JsonNode n = Json.read(Files.readAllBytes(f));
                        if (n instanceof ObjectNode o) {
                            objects.add(o);
                            revision = Math.max(revision, o.path("metadata").path("resourceVersion").asLong(0));
                        }
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("skipping unreadable object {}: {}", f, e.toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the store in " + dir, e);
        }
        return new Loaded(objects, revision);
    }

    void save(ResourceType<?> type, ObjectNode object, long revision) {
        write(file(type, MetaRules.namespace(object), MetaRules.name(object)), Json.bytes(object));
        writeRevision(revision);
    }

    void remove(ResourceType<?> type, String namespace, String name, long revision) {
        try {
            Files.deleteIfExists(file(type, namespace, name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + type.plural() + " " + namespace + "/" + name + " in " + dir, e);
        }
        writeRevision(revision);
    }

    private void writeRevision(long revision) {
        write(dir.resolve("revision"), Long.toString(revision).getBytes(StandardCharsets.UTF_8));
    }

    private Path file(ResourceType<?> type, String namespace, String name) {
        return dir.resolve(type.groupResource()).resolve(namespace.isEmpty() ? CLUSTER : namespace).resolve(name + ".json");
    }

    /** Secrets are kept here: only their owner may read the directory, as a kubeconfig is 0600. */
    private static void ownerOnly(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
