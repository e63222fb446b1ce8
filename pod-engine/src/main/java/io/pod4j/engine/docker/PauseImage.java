package io.pod4j.engine.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pod4j's infra ("pause") image, made from the static program shipped in this jar and loaded into
 * the daemon on first use, so no registry is ever needed. The tag carries a hash of the program,
 * so a changed program gets a new image. Other images of one shipped program (the Service data
 * path's {@code netd}) are made the same way.
 */
public final class PauseImage {

    private static final Logger LOG = LoggerFactory.getLogger(PauseImage.class);
    private static final String RESOURCE = "/io/pod4j/engine/runtime/pause-amd64";
    /** The image Kubernetes uses, for engines that are not amd64 or users who prefer it (needs a registry). */
    public static final String UPSTREAM = "registry.k8s.io/pause:3.10";

    private PauseImage() {
    }

    /**
     * Makes sure the built-in pause image is in the daemon.
     *
     * @param docker the client
     * @return the image's name
     */
    public static String ensure(DockerClient docker) {
        return ensure(docker, "pod4j/pause", RESOURCE, "pause", "amd64");
    }

    /**
     * Makes sure the image of one static program shipped in this jar is in the daemon.
     *
     * @param docker the client
     * @param repository the image's name without tag, e.g. {@code pod4j/netd}
     * @param resource the program's resource path in this jar
     * @param file the program's file name in the image, its entrypoint
     * @param architecture the program's architecture in Go's words (amd64, arm64), written into the image
     * @return the image's name
     */
    public static synchronized String ensure(DockerClient docker, String repository, String resource, String file,
            String architecture) {
        byte[] program = program(resource);
        String name = repository + ":" + sha256(program).substring(0, 12);
        try {
            docker.inspectImageCmd(name).exec();
            return name;
        } catch (NotFoundException missing) {
            LOG.info("loading the image {} into the Docker engine (no pull)", name);
        }
        try (InputStream tar = new ByteArrayInputStream(imageArchive(name, file, program, architecture))) {
            docker.loadImageCmd(tar).exec();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return name;
    }

    private static byte[] program(String resource) {
        try (InputStream in = PauseImage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the program " + resource + " is missing from pod-engine's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An archive in the format {@code docker save} writes: manifest, image config and one layer. */
    private static byte[] imageArchive(String name, String file, byte[] program, String architecture) throws IOException {
        byte[] layer = tar(Map.of(file, program), 0755);
        String diffId = "sha256:" + sha256(layer);
        ObjectMapper json = new ObjectMapper();
        byte[] config = json.writeValueAsBytes(Map.of(
                "architecture", architecture,
                "os", "linux",
                "config", Map.of("Entrypoint", List.of("/" + file), "Labels", Map.of("io.pod4j.image", file)),
                "rootfs", Map.of("type", "layers", "diff_ids", List.of(diffId)),
                "history", List.of(Map.of("created_by", "pod4j: " + file + " program"))));
        String configName = sha256(config) + ".json";
        String layerName = sha256(layer) + "/layer.tar";
        byte[] manifest = json.writeValueAsBytes(List.of(Map.of(
                "Config", configName, "RepoTags", List.of(name), "Layers", List.of(layerName))));
        return tar(Map.of(configName, config, layerName, layer, "manifest.json", manifest), 0644);
    }

    private static byte[] tar(Map<String, byte[]> files, int mode) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                int slash = f.getKey().indexOf('/');
                if (slash > 0) {
                    TarArchiveEntry dir = new TarArchiveEntry(f.getKey().substring(0, slash + 1));
                    dir.setMode(040755);
                    tar.putArchiveEntry(dir);
                    tar.closeArchiveEntry();
                }
                TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
                entry.setSize(f.getValue().length);
                entry.setMode(0100000 | mode);
                tar.putArchiveEntry(entry);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
