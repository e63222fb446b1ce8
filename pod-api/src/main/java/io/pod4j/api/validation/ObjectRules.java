package io.pod4j.api.validation;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.pod4j.api.build.Copies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API server's defaults and validation for every kind pod4j stores: Pods through
 * {@link PodDefaults} and {@link PodValidator}, the other kinds (ConfigMap, Secret, Namespace, ...)
 * here. Pure functions: the object given is not changed.
 */
public final class ObjectRules {

    private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final Set<Class<?>> CLUSTER_SCOPED = Set.of(Namespace.class, Node.class);

    private ObjectRules() {
    }

    /**
     * @param <T> the object's type
     * @param object an object as written; not changed
     * @return a copy with the API server's defaults: a Pod's (see {@link PodDefaults}), a Secret's
     *     {@code type: Opaque}, {@code metadata.namespace: default} for namespaced kinds that name none
     */
    @SuppressWarnings("unchecked")
    public static <T extends HasMetadata> T defaults(T object) {
        if (object instanceof Pod pod) {
            return (T) PodDefaults.apply(pod);
        }
        T out = Copies.of(object);
        if (out.getMetadata() == null) {
            out.setMetadata(new ObjectMeta());
        }
        if (!CLUSTER_SCOPED.contains(out.getClass())
                && (out.getMetadata().getNamespace() == null || out.getMetadata().getNamespace().isEmpty())) {
            out.getMetadata().setNamespace(PodDefaults.DEFAULT_NAMESPACE);
        }
        if (out instanceof Secret secret && (secret.getType() == null || secret.getType().isEmpty())) {
            secret.setType("Opaque");
        }
        return out;
    }

    /**
     * @param object a defaulted object
     * @return every violation, in the API server's words; empty when valid
     */
    public static List<Violation> validate(HasMetadata object) {
        if (object instanceof Pod pod) {
            return PodValidator.validate(pod);
        }
        List<Violation> found = new ArrayList<>();
        ObjectMeta meta = object.getMetadata() == null ? new ObjectMeta() : object.getMetadata();
        String name = meta.getName();
        if (name == null || name.isEmpty()) {
            if (meta.getGenerateName() == null || meta.getGenerateName().isEmpty()) {
                found.add(new Violation("metadata.name", "Required value: name or generateName is required"));
            }
        } else {
            List<String> errors = object instanceof Namespace ? NameRules.dns1123Label(name) : NameRules.dns1123Subdomain(name);
            errors.forEach(e -> found.add(new Violation("metadata.name", "Invalid value: \"" + name + "\": " + e)));
        }
        Map<String, ?> data = object instanceof ConfigMap cm ? cm.getData()
                : object instanceof Secret s ? s.getData() : null;
        if (data != null) {
            dataKeys(data.keySet(), found);
        }
        if (object instanceof ConfigMap cm && cm.getBinaryData() != null) {
            dataKeys(cm.getBinaryData().keySet(), found);
        }
        if (object instanceof Secret s && s.getStringData() != null) {
            dataKeys(s.getStringData().keySet(), found);
        }
        return List.copyOf(found);
    }

    private static void dataKeys(Set<String> keys, List<Violation> found) {
        for (String key : keys) {
            if (!CONFIG_KEY.matcher(key).matches() || key.length() > 253) {
                found.add(new Violation("data", "Invalid value: \"" + key + "\": a valid config key must consist of"
                        + " alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name',"
                        + " regex used for validation is '[-._a-zA-Z0-9]+')"));
            }
        }
    }
}
