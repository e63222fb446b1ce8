package io.pod4j.engine.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import io.pod4j.api.quantity.Quantities;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.pod4j.engine.docker.Labels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pod's volumes on Docker. emptyDir, configMap, secret, downwardAPI and projected volumes are
 * Docker volumes (tmpfs for {@code medium: Memory} and for secrets), mounted by the infra container
 * for the pod's whole life and filled through the Docker API (so a remote engine works too);
 * hostPath is a bind mount of the engine's host, with the kubelet's type checks; a
 * persistentVolumeClaim mounts its bound volume ({@link ClaimMounts}), which outlives the pod.
 */
final class Volumes {

    private static final Logger LOG = LoggerFactory.getLogger(Volumes.class);
    /** Where the infra container mounts each volume, to hold it and to fill it. */
    static final String INFRA_ROOT = "/pod4j-volumes/";
    static String dockerName(Pod pod, String volume) {
        return "pod4j-" + pod.getMetadata().getUid().substring(0, 8) + "-" + volume;
    }

    /**
     * Creates the Docker volumes of a pod and checks its hostPaths.
     *
     * @return the binds the infra container mounts
     * @throws ContainerConfigException when a hostPath does not fit its type
     */
    static List<Bind> prepare(DockerClient docker, Pod pod, Map<String, String> labels, boolean localEngine,
            EngineContext.ObjectStore objects) throws ContainerConfigException {
        List<Bind> binds = new ArrayList<>();
        for (io.fabric8.kubernetes.api.model.Volume v : Nulls.orEmpty(pod.getSpec().getVolumes())) {
            if (v.getPersistentVolumeClaim() != null) {
                ClaimMounts.Source claim = ClaimMounts.of(pod, v, objects);
                if (!claim.hostPath()) {
                    try {
                        docker.inspectVolumeCmd(claim.source()).exec();
                    } catch (NotFoundException e) {
                        throw mountFailed(v.getName(), "volume " + claim.source() + " is not provisioned yet");
                    }
                    binds.add(new Bind(claim.source(), new Volume(INFRA_ROOT + v.getName()))); // held for the pod's life
                }
                continue;
            }
            if (v.getHostPath() != null) {
                checkHostPath(v.getName(), v.getHostPath().getPath(), v.getHostPath().getType(), localEngine);
                continue;
            }
            Map<String, String> opts = new LinkedHashMap<>();
            boolean memory = v.getSecret() != null
                    || v.getEmptyDir() != null && "Memory".equals(v.getEmptyDir().getMedium());
            if (memory) {
                opts.put("type", "tmpfs");
                opts.put("device", "tmpfs");
                String size = v.getEmptyDir() != null && v.getEmptyDir().getSizeLimit() != null
                        ? "size=" + Quantities.value(v.getEmptyDir().getSizeLimit()) : "size=" + (64L << 20);
                opts.put("o", size + ",mode=1777");
            }
            String name = dockerName(pod, v.getName());
            var create = docker.createVolumeCmd().withName(name).withLabels(labels);
            if (!opts.isEmpty()) {
                create.withDriver("local").withDriverOpts(opts);
            }
            create.exec();
            binds.add(new Bind(name, new Volume(INFRA_ROOT + v.getName())));
        }
        return binds;
    }

    private static void checkHostPath(String volume, String path, String type, boolean localEngine)
            throws ContainerConfigException {
        if (type == null || type.isEmpty() || !localEngine) {
            return; // no check asked for, or the path lives on a remote engine's host we cannot see
        }
        Path p = Path.of(path);
        try {
            switch (type) {
                case "DirectoryOrCreate" -> {
                    if (!Files.exists(p)) {
                        Files.createDirectories(p);
                    }
                    require(Files.isDirectory(p), volume, path, "is not a directory");
                }
                case "Directory" -> require(Files.isDirectory(p), volume, path, "is not a directory");
                case "FileOrCreate" -> {
                    if (!Files.exists(p)) {
                        Files.createDirectories(p.toAbsolutePath().getParent());
                        Files.createFile(p);
                    }
                    require(Files.isRegularFile(p), volume, path, "is not a file");
                }
                case "File" -> require(Files.isRegularFile(p), volume, path, "is not a file");
                case "Socket" -> require(Files.exists(p) && !Files.isRegularFile(p) && !Files.isDirectory(p), volume, path, "is not a socket file");
                case "CharDevice" -> require(Files.exists(p) && !Files.isRegularFile(p) && !Files.isDirectory(p), volume, path, "is not a character device");
                case "BlockDevice" -> require(Files.exists(p) && !Files.isRegularFile(p) && !Files.isDirectory(p), volume, path, "is not a block device");
                default -> {
                }
            }
        } catch (IOException e) {
            throw mountFailed(volume, "hostPath " + path + ": " + e.getMessage());
        }
    }

    private static void require(boolean ok, String volume, String path, String what) throws ContainerConfigException {
        if (!ok) {
            throw mountFailed(volume, "hostPath type check failed: " + path + " " + what);
        }
    }

    /** The kubelet's words for a volume it could not set up (the FailedMount event). */
    private static ContainerConfigException mountFailed(String volume, String reason) {
        return new ContainerConfigException("MountVolume.SetUp failed for volume \"" + volume + "\" : " + reason);
    }

    /** Writes the files of configMap, secret, downwardAPI and projected volumes through the running infra container. */
    static void populate(DockerClient docker, String infraId, Pod pod, EngineContext.ObjectStore objects)
            throws ContainerConfigException {
        for (io.fabric8.kubernetes.api.model.Volume v : Nulls.orEmpty(pod.getSpec().getVolumes())) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            Map<String, Integer> modes = new LinkedHashMap<>();
            Integer defaultMode;
            try {
                defaultMode = files(v, pod, objects, files, modes);
            } catch (ContainerConfigException e) {
                throw mountFailed(v.getName(), e.getMessage());
            }
            if (defaultMode != null) {
                copy(docker, infraId, INFRA_ROOT + v.getName(), files, modes, defaultMode);
            }
        }
    }

    /**
     * Collects the files of one configMap, secret, downwardAPI or projected volume.
     *
     * @return the volume's default file mode, or null when the volume has no files to write
     */
    private static Integer files(io.fabric8.kubernetes.api.model.Volume v, Pod pod, EngineContext.ObjectStore objects,
            Map<String, byte[]> files, Map<String, Integer> modes) throws ContainerConfigException {
        String ns = pod.getMetadata().getNamespace();
        if (v.getConfigMap() != null) {
            var source = v.getConfigMap();
            Optional<ConfigMap> cm = objects.configMap(ns, source.getName());
            if (cm.isEmpty()) {
                if (Boolean.TRUE.equals(source.getOptional())) {
                    return null;
                }
                throw new ContainerConfigException("configmap \"" + source.getName() + "\" not found");
            }
            keys(configMapData(cm.get()), source.getItems(), files, modes, "ConfigMap " + source.getName());
            return orDefault(source.getDefaultMode());
        }
        if (v.getSecret() != null) {
            var source = v.getSecret();
            Optional<Secret> s = objects.secret(ns, source.getSecretName());
            if (s.isEmpty()) {
                if (Boolean.TRUE.equals(source.getOptional())) {
                    return null;
                }
                throw new ContainerConfigException("secret \"" + source.getSecretName() + "\" not found");
            }
            keys(secretData(s.get()), source.getItems(), files, modes, "Secret " + source.getSecretName());
            return orDefault(source.getDefaultMode());
        }
        if (v.getDownwardAPI() != null) {
            downward(pod, v.getDownwardAPI().getItems(), files, modes);
            return orDefault(v.getDownwardAPI().getDefaultMode());
        }
        if (v.getProjected() != null) {
            for (VolumeProjection p : Nulls.orEmpty(v.getProjected().getSources())) {
                if (p.getConfigMap() != null) {
                    var cm = objects.configMap(ns, p.getConfigMap().getName());
                    if (cm.isPresent()) {
                        keys(configMapData(cm.get()), p.getConfigMap().getItems(), files, modes, "ConfigMap " + p.getConfigMap().getName());
                    } else if (!Boolean.TRUE.equals(p.getConfigMap().getOptional())) {
                        throw new ContainerConfigException("configmap \"" + p.getConfigMap().getName() + "\" not found");
                    }
                }
                if (p.getSecret() != null) {
                    var s = objects.secret(ns, p.getSecret().getName());
                    if (s.isPresent()) {
                        keys(secretData(s.get()), p.getSecret().getItems(), files, modes, "Secret " + p.getSecret().getName());
                    } else if (!Boolean.TRUE.equals(p.getSecret().getOptional())) {
                        throw new ContainerConfigException("secret \"" + p.getSecret().getName() + "\" not found");
                    }
                }
                if (p.getDownwardAPI() != null) {
                    downward(pod, p.getDownwardAPI().getItems(), files, modes);
                }
            }
            return orDefault(v.getProjected().getDefaultMode());
        }
        return null;
    }

    private static int orDefault(Integer mode) {
        return mode == null ? 0644 : mode;
    }

    private static Map<String, byte[]> configMapData(ConfigMap cm) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        Nulls.orEmpty(cm.getData()).forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        Nulls.orEmpty(cm.getBinaryData()).forEach((k, v) -> data.put(k, Base64.getMimeDecoder().decode(v)));
        return data;
    }

    private static Map<String, byte[]> secretData(Secret s) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        Nulls.orEmpty(s.getData()).forEach((k, v) -> data.put(k, Base64.getMimeDecoder().decode(v)));
        Nulls.orEmpty(s.getStringData()).forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return data;
    }

    private static void keys(Map<String, byte[]> data, List<KeyToPath> items, Map<String, byte[]> files,
            Map<String, Integer> modes, String what) throws ContainerConfigException {
        if (items == null || items.isEmpty()) {
            files.putAll(data);
            return;
        }
        for (KeyToPath item : items) {
            byte[] value = data.get(item.getKey());
            if (value == null) {
                throw new ContainerConfigException("configmap references non-existent config key: " + item.getKey() + " (" + what + ")");
            }
            files.put(item.getPath(), value);
            if (item.getMode() != null) {
                modes.put(item.getPath(), item.getMode());
            }
        }
    }

    private static void downward(Pod pod, List<DownwardAPIVolumeFile> items, Map<String, byte[]> files,
            Map<String, Integer> modes) throws ContainerConfigException {
        EnvResolver fields = new EnvResolver(pod, null, null);
        for (DownwardAPIVolumeFile item : Nulls.orEmpty(items)) {
            String value = item.getFieldRef() != null ? fields.field(item.getFieldRef().getFieldPath()) : "";
            files.put(item.getPath(), value.getBytes(StandardCharsets.UTF_8));
            if (item.getMode() != null) {
                modes.put(item.getPath(), item.getMode());
            }
        }
    }

    private static void copy(DockerClient docker, String infraId, String dir, Map<String, byte[]> files,
            Map<String, Integer> modes, int defaultMode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                e.setMode(0100000 | modes.getOrDefault(f.getKey(), defaultMode));
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        docker.copyArchiveToContainerCmd(infraId)
                .withRemotePath(dir)
                .withTarInputStream(new ByteArrayInputStream(out.toByteArray()))
                .exec();
    }

    /**
     * @param container the container whose volumeMounts to bind
     * @param env the container's environment, for {@code subPathExpr}
     * @return the binds of one container's volumeMounts
     * @throws ContainerConfigException when a sub-path is refused or cannot be created
     */
    static List<Bind> binds(DockerClient docker, Pod pod, Container container, Map<String, String> env, boolean localEngine,
            EngineContext.ObjectStore objects) throws ContainerConfigException {
        List<Bind> binds = new ArrayList<>();
        for (VolumeMount m : Nulls.orEmpty(container.getVolumeMounts())) {
            io.fabric8.kubernetes.api.model.Volume v = Nulls.orEmpty(pod.getSpec().getVolumes()).stream()
                    .filter(x -> x.getName().equals(m.getName())).findFirst().orElseThrow();
            boolean claimReadOnly = v.getPersistentVolumeClaim() != null && Boolean.TRUE.equals(v.getPersistentVolumeClaim().getReadOnly());
            AccessMode mode = Boolean.TRUE.equals(m.getReadOnly()) || claimReadOnly || v.getConfigMap() != null
                    || v.getSecret() != null || v.getDownwardAPI() != null || v.getProjected() != null ? AccessMode.ro : AccessMode.rw;
            String sub = SubPaths.of(m, env);
            ClaimMounts.Source claim = v.getPersistentVolumeClaim() == null ? null : ClaimMounts.of(pod, v, objects);
            String hostPath = v.getHostPath() != null ? v.getHostPath().getPath()
                    : claim != null && claim.hostPath() ? claim.source() : null;
            String volumeName = claim != null ? claim.source() : dockerName(pod, v.getName());
            String source;
            if (hostPath != null) {
                source = sub == null ? hostPath : Path.of(hostPath, sub).toString();
            } else if (sub == null) {
                source = volumeName;
            } else {
                if (!localEngine) {
                    throw new ContainerConfigException("subPath on volume \"" + v.getName()
                            + "\" needs a local Docker engine (Engine 20.10 cannot mount part of a volume)");
                }
                Path root = Path.of(docker.inspectVolumeCmd(volumeName).exec().getMountpoint());
                source = makeSubDirectory(root, sub, m.getName(), container.getName()).toString();
            }
            binds.add(new Bind(source, new Volume(m.getMountPath()), mode));
        }
        return binds;
    }

    /**
     * Creates a sub-path's missing directories with the volume's own mode, as the kubelet does, so
     * that a container running as another user can write there as it can in the volume. A symbolic
     * link met on the way must stay inside the volume (CVE-2017-1002101).
     *
     * @return the sub-path's real location on the host
     */
    private static Path makeSubDirectory(Path root, String sub, String volume, String container) throws ContainerConfigException {
        try {
            Path realRoot = root.toRealPath();
            var permissions = Files.getPosixFilePermissions(realRoot);
            Path dir = realRoot;
            for (Path part : Path.of(sub)) {
                dir = dir.resolve(part);
                if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    dir = dir.toRealPath();
                    if (!dir.startsWith(realRoot)) {
                        throw new IOException(dir + " is outside the volume");
                    }
                } else {
                    Files.createDirectory(dir);
                    Files.setPosixFilePermissions(dir, permissions);
                }
            }
            return dir;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("cannot create sub-path {} in {}: {}", sub, root, e.toString());
            // The kubelet's words; the details stay in the log, as they describe the host's file system.
            throw new ContainerConfigException("failed to create subPath directory for volumeMount \"" + volume
                    + "\" of container \"" + container + "\"");
        }
    }

    /** Removes every Docker volume labelled with the pod's uid. */
    static void removeAll(DockerClient docker, String podUid) {
        var volumes = docker.listVolumesCmd().withFilter("label", List.of(Labels.POD_UID + "=" + podUid)).exec().getVolumes();
        if (volumes == null) {
            return;
        }
        for (var v : volumes) {
            try {
                docker.removeVolumeCmd(v.getName()).exec();
            } catch (NotFoundException gone) {
                // Already gone.
            } catch (DockerException e) {
                LOG.warn("cannot remove volume {}: {}", v.getName(), e.getMessage());
            }
        }
    }
}
