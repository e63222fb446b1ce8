package io.pod4j.store;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.pod4j.api.build.Copies;
import io.pod4j.api.validation.PodDefaults;
import io.pod4j.api.validation.PodValidator;
import io.pod4j.api.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the workload kinds share in the API server's apps and batch validation: a pod template
 * defaulted and validated with the Pod's rules ({@code ValidatePodTemplateSpec}), a selector that
 * must be given, not be empty, and match the template's labels
 * ({@code ValidatePodTemplateSpecForReplicaSet}), non-negative counts, an immutable selector.
 */
final class PodTemplateRules {

    private PodTemplateRules() {
    }

    /** @return the template with the Pod's defaults (restartPolicy, terminationGracePeriodSeconds, ...) */
    static PodTemplateSpec defaults(PodTemplateSpec template) {
        PodTemplateSpec t = template == null ? new PodTemplateSpec() : template;
        Pod pod = new Pod();
        pod.setMetadata(t.getMetadata() == null ? new ObjectMeta() : Copies.of(t.getMetadata()));
        pod.setSpec(t.getSpec());
        Pod defaulted = PodDefaults.apply(pod);
        PodTemplateSpec out = new PodTemplateSpec();
        out.setMetadata(t.getMetadata() == null ? new ObjectMeta() : t.getMetadata());
        out.setSpec(defaulted.getSpec());
        return out;
    }

    /**
     * @param path e.g. {@code spec.template}
     * @return the template's problems with the Pod's rules, under that path
     */
    static List<FieldError> validate(PodTemplateSpec template, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (template == null) {
            errors.add(FieldError.required(path, ""));
            return errors;
        }
        Pod pod = new Pod();
        ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : Copies.of(template.getMetadata());
        meta.setName("template"); // a template has no name of its own: only its labels and annotations count
        meta.setNamespace(null);
        pod.setMetadata(meta);
        pod.setSpec(template.getSpec());
        for (Violation v : PodValidator.validate(pod)) {
            if (v.path().startsWith("metadata.name") || v.path().startsWith("metadata.namespace")) {
                continue;
            }
            errors.add(FieldError.of(path + "." + v.path(), v.message()));
        }
        return errors;
    }

    /**
     * The selector checks of a ReplicaSet, Deployment, StatefulSet and DaemonSet: required, not
     * empty, matching the template's labels.
     *
     * @param kind as the API server's message names it, e.g. {@code deployment}
     */
    static List<FieldError> selector(LabelSelector selector, PodTemplateSpec template, String kind) {
        List<FieldError> errors = new ArrayList<>();
        if (selector == null) {
            errors.add(FieldError.required("spec.selector", ""));
        } else if (size(selector.getMatchLabels()) + size(selector.getMatchExpressions()) == 0) {
            errors.add(FieldError.invalid("spec.selector", GoSyntax.selector(selector), "empty selector is invalid for " + kind));
        }
        errors.addAll(templateLabels(selector, template, "spec.template"));
        return errors;
    }

    /** The template's labels must be selected (a missing selector selects nothing). */
    static List<FieldError> templateLabels(LabelSelector selector, PodTemplateSpec template, String path) {
        Map<String, String> labels = template == null || template.getMetadata() == null ? null
                : template.getMetadata().getLabels();
        boolean matches = selector != null && (size(selector.getMatchLabels()) + size(selector.getMatchExpressions()) == 0
                || io.pod4j.api.selector.LabelSelector.of(selector).matches(labels == null ? Map.of() : labels));
        if (matches) {
            return List.of();
        }
        return List.of(FieldError.invalid(path + ".metadata.labels", GoSyntax.labels(labels),
                "`selector` does not match template `labels`"));
    }

    /** @return the problem with a template whose restartPolicy is not one of those allowed */
    static List<FieldError> restartPolicy(PodTemplateSpec template, String path, String... allowed) {
        String policy = template == null || template.getSpec() == null ? null : template.getSpec().getRestartPolicy();
        if (policy != null && List.of(allowed).contains(policy)) {
            return List.of();
        }
        StringBuilder values = new StringBuilder();
        for (String a : allowed) {
            values.append(values.length() == 0 ? "" : ", ").append('"').append(a).append('"');
        }
        return List.of(new FieldError(FieldError.Type.NOT_SUPPORTED, path + ".spec.restartPolicy",
                "Unsupported value: \"" + (policy == null ? "" : policy) + "\": supported values: " + values));
    }

    /** @return the problem with a negative count ({@code ValidateNonnegativeField}) */
    static List<FieldError> nonNegative(String path, Number value) {
        if (value == null || value.longValue() >= 0) {
            return List.of();
        }
        return List.of(FieldError.invalid(path, value, "must be greater than or equal to 0"));
    }

    /** @return the problem with a changed selector (apps/v1 and batch/v1 selectors are immutable) */
    static List<FieldError> immutableSelector(LabelSelector now, LabelSelector old) {
        if (Objects.equals(Json.tree(now == null ? new LabelSelector() : now), Json.tree(old == null ? new LabelSelector() : old))) {
            return List.of();
        }
        return List.of(FieldError.invalid("spec.selector", now == null ? new GoSyntax.Printed("null") : GoSyntax.selector(now), "field is immutable"));
    }

    private static int size(Map<?, ?> m) {
        return m == null ? 0 : m.size();
    }

    private static int size(List<?> l) {
        return l == null ? 0 : l.size();
    }
}
