package io.pod4j.apiserver.http;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.PatchType;
import io.pod4j.store.ResourceType;
import io.pod4j.store.WriteOptions;

/** Server-side apply: {@code PATCH} with {@code Content-Type: application/apply-patch+yaml}. */
@FunctionalInterface
public interface ApplyPatcher {

    /** The store's server-side apply ({@link PatchType#APPLY}): managed fields, conflicts, force. */
    ApplyPatcher STORE = (store, type, namespace, name, body, options, subresource) -> "status".equals(subresource)
            ? store.patchStatus(type, namespace, name, PatchType.APPLY, body, options)
            : "ephemeralcontainers".equals(subresource)
                    ? store.patchEphemeralContainers(namespace, name, PatchType.APPLY, body, options)
                    : store.patch(type, namespace, name, PatchType.APPLY, body, options);

    /**
     * @param store the store
     * @param type the kind
     * @param namespace the namespace, null for cluster-scoped kinds
     * @param name the object's name
     * @param body the apply configuration, YAML or JSON
     * @param options the {@code fieldManager} query parameter (required by the API server for apply),
     *     {@code force} and {@code dryRun}
     * @param subresource null, {@code status} or {@code ephemeralcontainers}
     * @return the object after the apply
     * @throws io.pod4j.store.StoreException or {@link ApiException} with the Status to answer
     */
    HasMetadata apply(ObjectStore store, ResourceType<?> type, String namespace, String name, String body,
            WriteOptions options, String subresource);
}
