package io.pod4j.apiserver.discovery;

import io.pod4j.apiserver.conversion.Conversion;
import io.pod4j.store.ResourceType;
import java.util.List;
import java.util.Objects;

/**
 * One resource the server serves, as discovery describes it: the store's mapping, the verbs, the
 * short names and categories kubectl resolves, and its subresources.
 *
 * @param type the store's mapping (group, version, kind, plural, scope)
 * @param singular e.g. {@code pod}
 * @param verbs e.g. {@code get, list, watch}
 * @param shortNames e.g. {@code po}
 * @param categories e.g. {@code all}
 * @param subresources e.g. {@code status, log}
 * @param conversion how the objects are stored as another kind ({@code events.k8s.io/v1} Events as
 *     core/v1 ones), or null when they are stored as served
 */
public record ServedResource(ResourceType<?> type, String singular, List<String> verbs, List<String> shortNames,
        List<String> categories, List<Subresource> subresources, Conversion conversion) {

    /** Every verb of a resource the store serves in full. */
    public static final List<String> ALL_VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");

    public ServedResource {
        Objects.requireNonNull(type, "type");
        verbs = List.copyOf(verbs);
        shortNames = List.copyOf(shortNames);
        categories = List.copyOf(categories);
        subresources = List.copyOf(subresources);
    }

    /** A resource stored as it is served. */
    public ServedResource(ResourceType<?> type, String singular, List<String> verbs, List<String> shortNames,
            List<String> categories, List<Subresource> subresources) {
        this(type, singular, verbs, shortNames, categories, subresources, null);
    }

    /** @return the kind the store keeps these objects as: {@link #type()}, unless converted */
    public ResourceType<?> storage() {
        return conversion == null ? type : conversion.storage();
    }

    /** @return whether {@code name} is one of this resource's subresources */
    public boolean hasSubresource(String name) {
        return subresources.stream().anyMatch(s -> s.name().equals(name));
    }

    /**
     * A subresource, as discovery lists it ({@code pods/log}).
     *
     * @param name e.g. {@code status}
     * @param kind the kind its requests and answers carry, e.g. {@code Pod}, {@code Binding}
     * @param verbs e.g. {@code get, patch, update}
     */
    public record Subresource(String name, String kind, List<String> verbs) {

        public Subresource {
            verbs = List.copyOf(verbs);
        }
    }
}
