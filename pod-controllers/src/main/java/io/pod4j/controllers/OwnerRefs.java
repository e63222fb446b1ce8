package io.pod4j.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.pod4j.store.ResourceType;
import java.util.List;

/** Reading and making ownerReferences, as apimachinery's {@code metav1.GetControllerOf} and {@code NewControllerRef}. */
public final class OwnerRefs {

    private OwnerRefs() {
    }

    /** @return the object's reference with {@code controller: true}, or null */
    public static OwnerReference controllerOf(HasMetadata object) {
        List<OwnerReference> refs = object.getMetadata() == null ? null : object.getMetadata().getOwnerReferences();
        if (refs == null) {
            return null;
        }
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst().orElse(null);
    }

    /** @return whether the reference names an object of that kind (by group and kind, any version) */
    public static boolean isOfKind(OwnerReference ref, ResourceType<?> type) {
        String apiVersion = ref.getApiVersion() == null ? "" : ref.getApiVersion();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        return type.kind().equals(ref.getKind()) && type.group().equals(group);
    }

    /** @return whether the object's controller is that owner (by uid) */
    public static boolean isControlledBy(HasMetadata object, HasMetadata owner) {
        OwnerReference ref = controllerOf(object);
        return ref != null && owner.getMetadata().getUid().equals(ref.getUid());
    }

    /**
     * @return the reference a controller puts on what it creates: {@code controller: true} and
     *     {@code blockOwnerDeletion: true}, so a foreground deletion of the owner waits for it
     */
    public static OwnerReference controllerRef(ResourceType<?> type, HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(type.apiVersion())
                .withKind(type.kind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }
}
