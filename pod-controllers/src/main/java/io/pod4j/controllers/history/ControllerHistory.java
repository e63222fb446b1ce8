package io.pod4j.controllers.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ControllerRevisions as StatefulSets and DaemonSets keep them ({@code pkg/controller/history}):
 * a revision holds the owner's template as a strategic merge patch
 * ({@code {"spec":{"template":{...,"$patch":"replace"}}}}), is named {@code OWNER-HASH} (an
 * FNV-32a hash of that patch, in the API machinery's safe alphabet; the values differ from a
 * cluster's, as Go's printing of the struct is hashed there) and carries the
 * {@code controller-revision-hash} label; revision numbers count up, and a template that returns
 * to an old revision takes that revision with the next number (a rollback).
 */
public final class ControllerHistory {

    /** The label of revisions and of the pods made from them. */
    public static final String HASH_LABEL = "controller-revision-hash";
    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private ControllerHistory() {
    }

    /**
     * The owner's revisions as one sync needs them.
     *
     * @param update the revision of the owner's template now: an existing one or {@link #create}
     * @param create a revision to create, or null
     * @param renumber an existing revision to give the next number (the template returned to it), or null
     */
    public record Revisions(ControllerRevision update, ControllerRevision create, ControllerRevision renumber) {
    }

    /** @return the patch a revision keeps: the template, replacing the owner's whole */
    public static JsonNode patch(PodTemplateSpec template) {
        ObjectNode t = canonical(JSON.valueToTree(template));
        t.put("$patch", "replace");
        ObjectNode data = JSON.createObjectNode();
        data.putObject("spec").set("template", t);
        return clean(data);
    }

    /** @return the template a revision keeps */
    public static PodTemplateSpec template(ControllerRevision revision) {
        JsonNode t = JSON.valueToTree(revision.getData()).path("spec").path("template").deepCopy();
        ((ObjectNode) t).remove("$patch");
        return JSON.convertValue(t, PodTemplateSpec.class);
    }

    /**
     * @param owner the StatefulSet or DaemonSet
     * @param ownerRef its controller reference
     * @param template its template now
     * @param existing the revisions it controls
     * @param collisionCount its {@code status.collisionCount}
     * @return the update revision and what to write for it
     */
    public static Revisions sync(HasMetadata owner, OwnerReference ownerRef, PodTemplateSpec template,
            List<ControllerRevision> existing, Integer collisionCount) {
        JsonNode data = patch(template);
        long max = existing.stream().mapToLong(r -> r.getRevision() == null ? 0 : r.getRevision()).max().orElse(0);
        String text = data.toString();
        Optional<ControllerRevision> same = existing.stream().filter(r -> clean(JSON.valueToTree(r.getData())).toString().equals(text))
                .max(Comparator.comparingLong(ControllerRevision::getRevision));
        if (same.isPresent()) {
            ControllerRevision r = same.get();
            if (r.getRevision() < max) {
                ControllerRevision renumbered = new ControllerRevisionBuilder(r).withRevision(max + 1).build();
                return new Revisions(renumbered, null, renumbered);
            }
            return new Revisions(r, null, null);
        }
        String hash = hash(data, collisionCount);
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata() == null
                || template.getMetadata().getLabels() == null ? Map.of() : template.getMetadata().getLabels());
        labels.put(HASH_LABEL, hash);
        ControllerRevision created = new ControllerRevisionBuilder()
                .withNewMetadata().withName(owner.getMetadata().getName() + "-" + hash)
                        .withNamespace(owner.getMetadata().getNamespace()).withLabels(labels)
                        .withOwnerReferences(ownerRef).endMetadata()
                .withData(JSON.convertValue(data, Object.class))
                .withRevision(max + 1)
                .build();
        return new Revisions(created, created, null);
    }

    /**
     * @param existing the owner's revisions
     * @param live the names of revisions in use (the current and update revisions, the pods' revisions)
     * @param limit {@code revisionHistoryLimit}
     * @return the oldest revisions not in use beyond the limit, to delete
     */
    public static List<ControllerRevision> excess(List<ControllerRevision> existing, Set<String> live, int limit) {
        List<ControllerRevision> old = new ArrayList<>(existing.stream()
                .filter(r -> !live.contains(r.getMetadata().getName())).toList());
        old.sort(Comparator.comparingLong(ControllerRevision::getRevision));
        return old.size() <= limit ? List.of() : List.copyOf(old.subList(0, old.size() - limit));
    }

    /** @return the FNV-32a hash of the patch and the collision count, in the safe alphabet */
    static String hash(JsonNode data, Integer collisionCount) {
        int hash = 0x811c9dc5;
        String text = data.toString() + (collisionCount == null ? "" : collisionCount.toString());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        StringBuilder safe = new StringBuilder();
        for (char c : Integer.toUnsignedString(hash).toCharArray()) {
            safe.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
        }
        return safe.toString();
    }

    /** Sorted fields, no nulls or empty containers: equal templates give equal patches. */
    private static ObjectNode canonical(JsonNode node) {
        return (ObjectNode) clean(node);
    }

    private static JsonNode clean(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JSON.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String n : names) {
                JsonNode v = clean(node.get(n));
                if (!v.isNull() && !(v.isContainerNode() && v.isEmpty())) {
                    sorted.set(n, v);
                }
            }
            return sorted;
        }
        if (node.isArray()) {
            var out = JSON.createArrayNode();
            node.forEach(e -> out.add(clean(e)));
            return out;
        }
        return node;
    }
}
