package io.pod4j.store;

import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import io.pod4j.api.validation.ObjectRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The apps/v1 StatefulSet's admission: its defaults (1 replica, OrderedReady, RollingUpdate with
 * partition 0, 10 revisions, claims retained) and the template's; {@code ValidateStatefulSet}'s
 * selector, template and restartPolicy rules, and on update that only replicas, ordinals,
 * template, updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds change.
 */
final class StatefulSetAdmission implements Admission<StatefulSet> {

    @Override
    public StatefulSet mutate(Operation operation, StatefulSet object, StatefulSet old) {
        StatefulSet sts = ObjectRules.defaults(object);
        if (sts.getSpec() == null) {
            sts.setSpec(new StatefulSetSpec());
        }
        StatefulSetSpec s = sts.getSpec();
        if (s.getReplicas() == null) {
            s.setReplicas(1);
        }
        if (s.getPodManagementPolicy() == null || s.getPodManagementPolicy().isEmpty()) {
            s.setPodManagementPolicy("OrderedReady");
        }
        if (s.getUpdateStrategy() == null) {
            s.setUpdateStrategy(new StatefulSetUpdateStrategy());
        }
        if (s.getUpdateStrategy().getType() == null || s.getUpdateStrategy().getType().isEmpty()) {
            s.getUpdateStrategy().setType("RollingUpdate");
        }
        if ("RollingUpdate".equals(s.getUpdateStrategy().getType())) {
            if (s.getUpdateStrategy().getRollingUpdate() == null) {
                s.getUpdateStrategy().setRollingUpdate(new RollingUpdateStatefulSetStrategy());
            }
            if (s.getUpdateStrategy().getRollingUpdate().getPartition() == null) {
                s.getUpdateStrategy().getRollingUpdate().setPartition(0);
            }
        }
        if (s.getRevisionHistoryLimit() == null) {
            s.setRevisionHistoryLimit(10);
        }
        if (s.getPersistentVolumeClaimRetentionPolicy() == null) {
            s.setPersistentVolumeClaimRetentionPolicy(new StatefulSetPersistentVolumeClaimRetentionPolicy());
        }
        var retention = s.getPersistentVolumeClaimRetentionPolicy();
        if (retention.getWhenDeleted() == null) {
            retention.setWhenDeleted("Retain");
        }
        if (retention.getWhenScaled() == null) {
            retention.setWhenScaled("Retain");
        }
        s.setTemplate(PodTemplateRules.defaults(s.getTemplate()));
        return sts;
    }

    @Override
    public List<FieldError> validate(Operation operation, StatefulSet sts, StatefulSet old) {
        List<FieldError> errors = new ArrayList<>(ObjectAdmission.errors(ObjectRules.validate(sts)));
        StatefulSetSpec s = sts.getSpec();
        if (!List.of("OrderedReady", "Parallel").contains(s.getPodManagementPolicy())) {
            errors.add(new FieldError(FieldError.Type.NOT_SUPPORTED, "spec.podManagementPolicy", "Unsupported value: \""
                    + s.getPodManagementPolicy() + "\": supported values: \"OrderedReady\", \"Parallel\""));
        }
        errors.addAll(PodTemplateRules.nonNegative("spec.replicas", s.getReplicas()));
        errors.addAll(PodTemplateRules.selector(s.getSelector(), s.getTemplate(), "statefulset"));
        errors.addAll(PodTemplateRules.validate(withClaimVolumes(s), "spec.template"));
        errors.addAll(PodTemplateRules.restartPolicy(s.getTemplate(), "spec.template", "Always"));
        errors.addAll(PodTemplateRules.nonNegative("spec.minReadySeconds", s.getMinReadySeconds()));
        if (operation == Operation.UPDATE && !sameExceptUpdatable(s, old.getSpec())) {
            errors.add(FieldError.forbidden("spec", "updates to statefulset spec for fields other than 'replicas',"
                    + " 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and"
                    + " 'minReadySeconds' are forbidden"));
        }
        return errors;
    }

    /**
     * The template as the pods will have it: each volumeClaimTemplate a claim volume, so that the
     * containers' mounts of them are valid (the API server leaves the pod spec's volumes unchecked).
     */
    private static io.fabric8.kubernetes.api.model.PodTemplateSpec withClaimVolumes(StatefulSetSpec s) {
        if (s.getTemplate() == null || s.getTemplate().getSpec() == null || s.getVolumeClaimTemplates() == null
                || s.getVolumeClaimTemplates().isEmpty()) {
            return s.getTemplate();
        }
        var template = io.pod4j.api.build.Copies.of(s.getTemplate());
        List<io.fabric8.kubernetes.api.model.Volume> volumes = new ArrayList<>(template.getSpec().getVolumes() == null
                ? List.of() : template.getSpec().getVolumes());
        for (var claim : s.getVolumeClaimTemplates()) {
            String name = claim.getMetadata() == null ? null : claim.getMetadata().getName();
            if (name != null && volumes.stream().noneMatch(v -> name.equals(v.getName()))) {
                volumes.add(new io.fabric8.kubernetes.api.model.VolumeBuilder().withName(name)
                        .withNewPersistentVolumeClaim(name, false).build());
            }
        }
        template.getSpec().setVolumes(volumes);
        return template;
    }

    private static boolean sameExceptUpdatable(StatefulSetSpec now, StatefulSetSpec old) {
        var a = Json.tree(now);
        var b = Json.tree(old);
        for (String f : List.of("replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy",
                "minReadySeconds")) {
            a.remove(f);
            b.remove(f);
        }
        return a.equals(b);
    }
}
