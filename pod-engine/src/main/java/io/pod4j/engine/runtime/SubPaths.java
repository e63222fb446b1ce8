package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The part of a volume a mount shows, as the kubelet decides it before creating the container
 * (pkg/kubelet/kubelet_pods.go, makeMounts): {@code subPathExpr} expanded with the container's
 * environment (every variable it names must have a value), then {@code subPath} or the expansion
 * checked to stay inside the volume.
 */
final class SubPaths {

    private SubPaths() {
    }

    /**
     * @param mount the volume mount
     * @param env the container's environment, resolved
     * @return the relative path inside the volume to mount, or null for the whole volume
     * @throws ContainerConfigException in the kubelet's words, when a variable has no value or the
     *     path is absolute or steps out with {@code ..}
     */
    static String of(VolumeMount mount, Map<String, String> env) throws ContainerConfigException {
        String sub = mount.getSubPath();
        String expr = mount.getSubPathExpr();
        if (expr != null && !expr.isEmpty()) {
            TreeSet<String> missing = new TreeSet<>();
            sub = EnvExpansion.expand(expr, name -> {
                String value = env.get(name);
                if (value == null || value.isEmpty()) {
                    missing.add(name);
                    return "";
                }
                return value;
            });
            if (!missing.isEmpty()) {
                throw new ContainerConfigException("missing value for " + String.join(", ", missing));
            }
        }
        if (sub == null || sub.isEmpty()) {
            return null;
        }
        if (sub.startsWith("/")) {
            throw new ContainerConfigException("error SubPath `" + sub + "` must not be an absolute path");
        }
        if (List.of(sub.split("/")).contains("..")) {
            throw new ContainerConfigException("unable to provision SubPath `" + sub + "`: must not contain '..'");
        }
        return sub;
    }
}
