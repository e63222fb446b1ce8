package io.pod4j.engine.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import io.pod4j.api.model.ConfigMap;
import io.pod4j.api.model.DownwardAPIVolumeFile;
import io.pod4j.api.model.KeyToPath;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.Secret;
import io.pod4j.api.model.VolumeMount;
import io.pod4j.api.model.VolumeProjection;
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
 * hostPath is a bind mount of the engine's host, with the kubelet's type checks.
 */
final class Volumes {

    private static final Logger LOG = LoggerFactory.getLogger(Volumes.class);
    /** Where the infra container mounts each volume, to hold it and to fill it. */
    static final String INFRA_ROOT = "/pod4j-volumes/";
    static String dockerName(Pod pod, String volume) {
        return "pod4j-" + pod.metadata().uid().substring(0, 8) + "-" + volume;
    }

    /**
     * Creates the Docker volumes of a pod and checks its hostPaths.
     *
     * @return the binds the infra container mounts
     * @throws ContainerConfigException when a hostPath does not fit its type
     */
    static List<Bind> prepare(DockerClient docker, Pod pod, Map<String, String> labels, boolean localEngine)
            throws ContainerConfigException {
        List<Bind> binds = new ArrayList<>();
        for (io.pod4j.api.model.Volume v : pod.spec().volumes()) {
            if (v.hostPath() != null) {
                checkHostPath(v.name(), v.hostPath().path(), v.hostPath().type(), localEngine);
                continue;
            }
            Map<String, String> opts = new LinkedHashMap<>();
            boolean memory = v.secret() != null
                    || v.emptyDir() != null && "Memory".equals(v.emptyDir().medium());
            if (memory) {
                opts.put("type", "tmpfs");
                opts.put("device", "tmpfs");
                String size = v.emptyDir() != null && v.emptyDir().sizeLimit() != null
                        ? "size=" + v.emptyDir().sizeLimit().value() : "size=" + (64L << 20);
                opts.put("o", size + ",mode=1777");
            }
            String name = dockerName(pod, v.name());
            var create = docker.createVolumeCmd().withName(name).withLabels(labels);
            if (!opts.isEmpty()) {
                create.withDriver("local").withDriverOpts(opts);
            }
            create.exec();
            binds.add(new Bind(name, new Volume(INFRA_ROOT + v.name())));
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
            throw new ContainerConfigException("hostPath " + path + ": " + e.getMessage());
        }
    }

    private static void require(boolean ok, String volume, String path, String what) throws ContainerConfigException {
        if (!ok) {
            throw new ContainerConfigException("MountVolume.SetUp failed for volume \"" + volume + "\" : hostPath type check failed: "
                    + path + " " + what);
        }
    }

    /** Writes the files of configMap, secret, downwardAPI and projected volumes through the running infra container. */
    static void populate(DockerClient docker, String infraId, Pod pod, EngineContext.ObjectStore objects)
            throws ContainerConfigException {
        String ns = pod.metadata().namespace();
        for (io.pod4j.api.model.Volume v : pod.spec().volumes()) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            Map<String, Integer> modes = new LinkedHashMap<>();
            int defaultMode = 0644;
            if (v.configMap() != null) {
                defaultMode = orDefault(v.configMap().defaultMode());
                Optional<ConfigMap> cm = objects.configMap(ns, v.configMap().name());
                if (cm.isEmpty()) {
                    if (Boolean.TRUE.equals(v.configMap().optional())) {
                        continue;
                    }
                    throw new ContainerConfigException("configmap \"" + v.configMap().name() + "\" not found");
                }
                keys(configMapData(cm.get()), v.configMap().items(), files, modes, "ConfigMap " + v.configMap().name());
            } else if (v.secret() != null) {
                defaultMode = orDefault(v.secret().defaultMode());
                Optional<Secret> s = objects.secret(ns, v.secret().secretName());
                if (s.isEmpty()) {
                    if (Boolean.TRUE.equals(v.secret().optional())) {
                        continue;
                    }
                    throw new ContainerConfigException("secret \"" + v.secret().secretName() + "\" not found");
                }
                keys(secretData(s.get()), v.secret().items(), files, modes, "Secret " + v.secret().secretName());
            } else if (v.downwardAPI() != null) {
                defaultMode = orDefault(v.downwardAPI().defaultMode());
                downward(pod, v.downwardAPI().items(), files, modes);
            } else if (v.projected() != null) {
                defaultMode = orDefault(v.projected().defaultMode());
                for (VolumeProjection p : v.projected().sources()) {
                    if (p.configMap() != null) {
                        var cm = objects.configMap(ns, p.configMap().name());
                        if (cm.isPresent()) {
                            keys(configMapData(cm.get()), p.configMap().items(), files, modes, "ConfigMap " + p.configMap().name());
                        } else if (!Boolean.TRUE.equals(p.configMap().optional())) {
                            throw new ContainerConfigException("configmap \"" + p.configMap().name() + "\" not found");
                        }
                    }
                    if (p.secret() != null) {
                        var s = objects.secret(ns, p.secret().name());
                        if (s.isPresent()) {
                            keys(secretData(s.get()), p.secret().items(), files, modes, "Secret " + p.secret().name());
                        } else if (!Boolean.TRUE.equals(p.secret().optional())) {
                            throw new ContainerConfigException("secret \"" + p.secret().name() + "\" not found");
                        }
                    }
                    if (p.downwardAPI() != null) {
                        downward(pod, p.downwardAPI().items(), files, modes);
                    }
                }
            } else {
                continue;
            }
            copy(docker, infraId, INFRA_ROOT + v.name(), files, modes, defaultMode);
        }
    }

    private static int orDefault(Integer mode) {
        return mode == null ? 0644 : mode;
    }

    private static Map<String, byte[]> configMapData(ConfigMap cm) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        cm.data().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        cm.binaryData().forEach((k, v) -> data.put(k, Base64.getMimeDecoder().decode(v)));
        return data;
    }

    private static Map<String, byte[]> secretData(Secret s) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        s.data().forEach((k, v) -> data.put(k, Base64.getMimeDecoder().decode(v)));
        s.stringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return data;
    }

    private static void keys(Map<String, byte[]> data, List<KeyToPath> items, Map<String, byte[]> files,
            Map<String, Integer> modes, String what) throws ContainerConfigException {
        if (items.isEmpty()) {
            files.putAll(data);
            return;
        }
        for (KeyToPath item : items) {
            byte[] value = data.get(item.key());
            if (value == null) {
                throw new ContainerConfigException("configmap references non-existent config key: " + item.key() + " (" + what + ")");
            }
            files.put(item.path(), value);
            if (item.mode() != null) {
                modes.put(item.path(), item.mode());
            }
        }
    }

    private static void downward(Pod pod, List<DownwardAPIVolumeFile> items, Map<String, byte[]> files,
            Map<String, Integer> modes) throws ContainerConfigException {
        EnvResolver fields = new EnvResolver(pod, null, null);
        for (DownwardAPIVolumeFile item : items) {
            String value = item.fieldRef() != null ? fields.field(item.fieldRef().fieldPath()) : "";
            files.put(item.path(), value.getBytes(StandardCharsets.UTF_8));
            if (item.mode() != null) {
                modes.put(item.path(), item.mode());
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

    /** @return the binds of one container's volumeMounts */
    static List<Bind> binds(DockerClient docker, Pod pod, List<VolumeMount> mounts, boolean localEngine)
            throws ContainerConfigException {
        List<Bind> binds = new ArrayList<>();
        for (VolumeMount m : mounts) {
            io.pod4j.api.model.Volume v = pod.spec().volumes().stream()
                    .filter(x -> x.name().equals(m.name())).findFirst().orElseThrow();
            AccessMode mode = Boolean.TRUE.equals(m.readOnly()) || v.configMap() != null || v.secret() != null
                    || v.downwardAPI() != null || v.projected() != null ? AccessMode.ro : AccessMode.rw;
            String sub = m.subPath() == null || m.subPath().isEmpty() ? null : m.subPath();
            String source;
            if (v.hostPath() != null) {
                source = sub == null ? v.hostPath().path() : Path.of(v.hostPath().path(), sub).toString();
            } else if (sub == null) {
                source = dockerName(pod, v.name());
            } else {
                if (!localEngine) {
                    throw new ContainerConfigException("subPath on volume \"" + v.name()
                            + "\" needs a local Docker engine (Engine 20.10 cannot mount part of a volume)");
                }
                String mountpoint = docker.inspectVolumeCmd(dockerName(pod, v.name())).exec().getMountpoint();
                Path target = Path.of(mountpoint, sub);
                try {
                    if (!Files.exists(target)) {
                        Files.createDirectories(target);
                    }
                } catch (IOException e) {
                    throw new ContainerConfigException("subPath " + sub + ": " + e.getMessage());
                }
                source = target.toString();
            }
            binds.add(new Bind(source, new Volume(m.mountPath()), mode));
        }
        return binds;
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
