package io.pod4j.api.build;

import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;

/**
 * The common volumes as one-liners for {@link Pods.Builder#volume}:
 * {@code .volume(Volumes.emptyDir("cache"))}. Any other source: fabric8's {@code VolumeBuilder}.
 */
public final class Volumes {

    private Volumes() {
    }

    /** @param name the volume's name @return an {@code emptyDir} volume */
    public static Volume emptyDir(String name) {
        Volume v = named(name);
        v.setEmptyDir(new EmptyDirVolumeSource());
        return v;
    }

    /** @param name the volume's name @param path the directory or file on the host @return a {@code hostPath} volume */
    public static Volume hostPath(String name, String path) {
        Volume v = named(name);
        HostPathVolumeSource h = new HostPathVolumeSource();
        h.setPath(path);
        v.setHostPath(h);
        return v;
    }

    /** @param name the volume's name @param configMap the ConfigMap's name @return a {@code configMap} volume */
    public static Volume configMap(String name, String configMap) {
        Volume v = named(name);
        ConfigMapVolumeSource c = new ConfigMapVolumeSource();
        c.setName(configMap);
        v.setConfigMap(c);
        return v;
    }

    /** @param name the volume's name @param secret the Secret's name @return a {@code secret} volume */
    public static Volume secret(String name, String secret) {
        Volume v = named(name);
        SecretVolumeSource s = new SecretVolumeSource();
        s.setSecretName(secret);
        v.setSecret(s);
        return v;
    }

    private static Volume named(String name) {
        Volume v = new Volume();
        v.setName(name);
        return v;
    }
}
