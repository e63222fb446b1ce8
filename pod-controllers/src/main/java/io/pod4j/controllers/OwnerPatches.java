package io.pod4j.controllers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.PatchType;
import io.pod4j.store.ResourceType;
import io.pod4j.store.WriteOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Adoption and release as the controllers' {@code ControllerRefManager} write them: a patch of
 * the dependent's ownerReferences that applies only to the object of that uid.
 */
public final class OwnerPatches {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OwnerPatches() {
    }

    /** Makes the owner the object's controller. */
    public static <T extends HasMetadata> T adopt(ObjectStore store, ResourceType<T> type, T object, OwnerReference ref,
            String manager) {
        List<OwnerReference> refs = new ArrayList<>(refs(object));
        refs.removeIf(r -> r.getUid().equals(ref.getUid()));
        refs.add(ref);
        return write(store, type, object, refs, manager);
    }

    /** Removes the owner's reference from the object. */
    public static <T extends HasMetadata> T release(ObjectStore store, ResourceType<T> type, T object, String ownerUid,
            String manager) {
        List<OwnerReference> refs = new ArrayList<>(refs(object));
        refs.removeIf(r -> r.getUid().equals(ownerUid));
        return write(store, type, object, refs, manager);
    }

    private static List<OwnerReference> refs(HasMetadata o) {
        return o.getMetadata().getOwnerReferences() == null ? List.of() : o.getMetadata().getOwnerReferences();
    }

    private static <T extends HasMetadata> T write(ObjectStore store, ResourceType<T> type, T object,
            List<OwnerReference> refs, String manager) {
        ArrayNode patch = JSON.createArrayNode();
        patch.addObject().put("op", "test").put("path", "/metadata/uid").put("value", object.getMetadata().getUid());
        ObjectNode set = patch.addObject().put("op", "add").put("path", "/metadata/ownerReferences");
        set.set("value", JSON.valueToTree(refs));
        return store.patch(type, object.getMetadata().getNamespace(), object.getMetadata().getName(), PatchType.JSON,
                patch.toString(), WriteOptions.fieldManager(manager));
    }
}
