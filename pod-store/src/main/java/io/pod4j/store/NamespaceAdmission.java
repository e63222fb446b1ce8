package io.pod4j.store;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceSpec;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.pod4j.api.validation.ObjectRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Namespace admission as the API server's namespace strategy: a new namespace is {@code Active},
 * carries its {@code kubernetes.io/metadata.name} label and the {@value #FINALIZER} finalizer in
 * {@code spec.finalizers} (the namespace controller removes it, through the {@code finalize}
 * subresource, once the namespace's contents are gone); an update keeps the stored
 * {@code spec.finalizers}, which only {@code finalize} changes, and the label.
 */
final class NamespaceAdmission implements Admission<Namespace> {

    /** The finalizer that holds a deleted namespace until its contents are deleted. */
    static final String FINALIZER = "kubernetes";
    static final String NAME_LABEL = "kubernetes.io/metadata.name";
    private static final java.util.Set<String> STANDARD = java.util.Set.of(FINALIZER, "orphan", "foregroundDeletion");

    @Override
    public Namespace mutate(Operation operation, Namespace object, Namespace old) {
        Namespace ns = ObjectRules.defaults(object);
        if (ns.getSpec() == null) {
            ns.setSpec(new NamespaceSpec());
        }
        if (operation == Operation.CREATE) {
            ns.setStatus(new NamespaceStatus(List.of(), "Active"));
            List<String> finalizers = new ArrayList<>(orEmpty(ns.getSpec().getFinalizers()));
            if (!finalizers.contains(FINALIZER)) {
                finalizers.add(FINALIZER);
            }
            ns.getSpec().setFinalizers(finalizers);
        } else {
            ns.getSpec().setFinalizers(old.getSpec() == null ? List.of() : orEmpty(old.getSpec().getFinalizers()));
        }
        if (ns.getMetadata().getName() != null) {
            if (ns.getMetadata().getLabels() == null) {
                ns.getMetadata().setLabels(new LinkedHashMap<>());
            }
            ns.getMetadata().getLabels().put(NAME_LABEL, ns.getMetadata().getName());
        }
        return ns;
    }

    @Override
    public List<FieldError> validate(Operation operation, Namespace object, Namespace old) {
        List<FieldError> errors = new ArrayList<>(ObjectAdmission.errors(ObjectRules.validate(object)));
        errors.addAll(finalizerErrors(object));
        return errors;
    }

    /** As {@code ValidateFinalizerName}: a qualified name; one without a domain must be a standard one. */
    static List<FieldError> finalizerErrors(Namespace ns) {
        List<FieldError> errors = new ArrayList<>();
        List<String> finalizers = ns.getSpec() == null ? List.of() : orEmpty(ns.getSpec().getFinalizers());
        for (int i = 0; i < finalizers.size(); i++) {
            String f = finalizers.get(i);
            if (f == null || f.isEmpty()) {
                errors.add(FieldError.invalid("spec.finalizers[" + i + "]", "", "name part must be non-empty"));
            } else if (!f.contains("/") && !STANDARD.contains(f)) {
                errors.add(FieldError.invalid("spec.finalizers[" + i + "]", f,
                        "name is neither a standard finalizer name nor is it fully qualified"));
            }
        }
        return errors;
    }

    /** @return whether the object is a namespace whose {@code spec.finalizers} still hold it */
    static boolean held(com.fasterxml.jackson.databind.node.ObjectNode object) {
        return "Namespace".equals(object.path("kind").asText()) && "v1".equals(object.path("apiVersion").asText())
                && !object.path("spec").path("finalizers").isEmpty();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
