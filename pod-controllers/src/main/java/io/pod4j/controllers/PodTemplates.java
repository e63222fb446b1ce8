package io.pod4j.controllers;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.pod4j.api.build.Copies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** A controller's new Pod from its template, as the controllers' {@code GetPodFromTemplate} makes it. */
public final class PodTemplates {

    private PodTemplates() {
    }

    /**
     * @param template the owner's pod template
     * @param namespace the owner's namespace
     * @param generateName the name prefix, e.g. {@code web-5d4f8b7c9-}; the store adds 5 characters
     * @param owner the controller reference the pod carries
     * @return the pod to create: the template's labels, annotations, finalizers and spec
     */
    public static Pod newPod(PodTemplateSpec template, String namespace, String generateName, OwnerReference owner) {
        ObjectMeta t = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        ObjectMeta meta = new ObjectMeta();
        meta.setNamespace(namespace);
        meta.setGenerateName(generateName);
        meta.setLabels(t.getLabels() == null ? null : new LinkedHashMap<>(t.getLabels()));
        meta.setAnnotations(t.getAnnotations() == null ? null : new LinkedHashMap<>(t.getAnnotations()));
        meta.setFinalizers(t.getFinalizers() == null ? null : new ArrayList<>(t.getFinalizers()));
        meta.setOwnerReferences(new ArrayList<>(List.of(owner)));
        Pod pod = new Pod();
        pod.setApiVersion("v1");
        pod.setKind("Pod");
        pod.setMetadata(meta);
        pod.setSpec(Copies.of(template.getSpec()));
        return pod;
    }
}
