package io.pod4j.api.yaml;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * A document of a manifest whose kind pod4j does not run (an Ingress, a PodDisruptionBudget, a custom
 * resource...), left out by a loader made with {@link Manifests#leavingOut} so that the Pods,
 * ConfigMaps and Secrets beside it can still be used, as {@code kubectl apply} applies what its
 * server knows and names the rest.
 *
 * @param source where the document came from, such as a file name
 * @param line the line its {@code kind} is on, 1-based
 * @param object the document as read, unchecked
 */
public record UnsupportedObject(String source, int line, GenericKubernetesResource object) {

    /** @return its {@code apiVersion} */
    public String apiVersion() {
        return orEmpty(object.getApiVersion());
    }

    /** @return its {@code kind} */
    public String kind() {
        return orEmpty(object.getKind());
    }

    /** @return its {@code metadata.namespace}, or "" when not set */
    public String namespace() {
        ObjectMeta meta = object.getMetadata();
        return meta == null ? "" : orEmpty(meta.getNamespace());
    }

    /** @return its {@code metadata.name}, or "" when not set */
    public String name() {
        ObjectMeta meta = object.getMetadata();
        return meta == null ? "" : orEmpty(meta.getName());
    }

    /**
     * @return what kubectl says of an object whose kind its server does not know, naming it and its source
     */
    public String kubectlMessage() {
        return "resource mapping not found for name: \"" + name() + "\" namespace: \"" + namespace() + "\" from \"" + source
                + "\": no matches for kind \"" + kind() + "\" in version \"" + apiVersion() + "\"";
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
