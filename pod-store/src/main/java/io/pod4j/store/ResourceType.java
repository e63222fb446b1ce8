package io.pod4j.store;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * One kind the store serves, as the API server's REST mapping knows it: its group, version, kind
 * and plural resource name, whether it lives in a namespace, whether its status is a separate
 * subresource, and whether it counts {@code metadata.generation}.
 *
 * @param group API group, empty for the core group
 * @param version API version, e.g. {@code v1}
 * @param kind e.g. {@code Pod}
 * @param plural the resource, e.g. {@code pods}
 * @param namespaced whether objects live in a namespace
 * @param statusSubresource whether {@code status} is written only through the status subresource
 * @param tracksGeneration whether {@code metadata.generation} counts spec changes
 * @param type the fabric8 class objects of this kind are decoded to
 * @param <T> that class
 */
public record ResourceType<T extends HasMetadata>(String group, String version, String kind, String plural,
        boolean namespaced, boolean statusSubresource, boolean tracksGeneration, Class<T> type) {

    public ResourceType {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plural, "plural");
        Objects.requireNonNull(type, "type");
    }

    /** @return e.g. {@code v1} or {@code apps/v1} */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** @return the resource as the API server names it in messages, e.g. {@code pods} or {@code deployments.apps} */
    public String groupResource() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    /** @return the kind as the API server names it in validation messages, e.g. {@code Pod} or {@code Deployment.apps} */
    public String groupKind() {
        return group.isEmpty() ? kind : kind + "." + group;
    }

    @Override
    public String toString() {
        return groupResource() + " (" + apiVersion() + ", Kind=" + kind + ")";
    }
}
