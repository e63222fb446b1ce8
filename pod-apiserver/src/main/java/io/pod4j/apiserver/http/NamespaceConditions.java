package io.pod4j.apiserver.http;

import io.fabric8.kubernetes.api.model.NamespaceCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * The conditions the namespace controller writes on a terminating namespace after each pass over
 * its contents, in its words: three failure conditions (discovery, group-version parsing, content
 * deletion) that stay False here, since this server knows every kind it serves and logs a delete it
 * could not make, and whether content and content finalizers remain.
 */
final class NamespaceConditions {

    static final String DISCOVERY_FAILURE = "NamespaceDeletionDiscoveryFailure";
    static final String PARSING_FAILURE = "NamespaceDeletionGroupVersionParsingFailure";
    static final String CONTENT_FAILURE = "NamespaceDeletionContentFailure";
    static final String CONTENT_REMAINING = "NamespaceContentRemaining";
    static final String FINALIZERS_REMAINING = "NamespaceFinalizersRemaining";

    private NamespaceConditions() {
    }

    /**
     * @param remaining per resource ({@code pods.}, {@code deployments.apps}: resource, dot, group), how many remain
     * @param finalizers per finalizer on remaining content, on how many objects
     * @param previous the namespace's conditions before this pass (their transition times are kept)
     * @param now the time of this pass, as written in {@code lastTransitionTime}
     * @return the namespace's conditions after this pass
     */
    static List<NamespaceCondition> after(SortedMap<String, Integer> remaining, SortedMap<String, Integer> finalizers,
            List<NamespaceCondition> previous, String now) {
        List<NamespaceCondition> next = new ArrayList<>();
        next.add(condition(DISCOVERY_FAILURE, false, "ResourcesDiscovered", "All resources successfully discovered"));
        next.add(condition(PARSING_FAILURE, false, "ParsedGroupVersions", "All legacy kube types successfully parsed"));
        next.add(condition(CONTENT_FAILURE, false, "ContentDeleted",
                "All content successfully deleted, may be waiting on finalization"));
        next.add(remaining.isEmpty()
                ? condition(CONTENT_REMAINING, false, "ContentRemoved", "All content successfully removed")
                : condition(CONTENT_REMAINING, true, "SomeResourcesRemain", "Some resources are remaining: "
                        + join(remaining, " has %d resource instances")));
        next.add(finalizers.isEmpty()
                ? condition(FINALIZERS_REMAINING, false, "ContentHasNoFinalizers", "All content-preserving finalizers finished")
                : condition(FINALIZERS_REMAINING, true, "SomeFinalizersRemain",
                        "Some content in the namespace has finalizers remaining: " + join(finalizers, " in %d resource instances")));
        for (NamespaceCondition c : next) {
            NamespaceCondition before = previous.stream().filter(p -> p.getType().equals(c.getType())).findFirst().orElse(null);
            c.setLastTransitionTime(before != null && Objects.equals(before.getStatus(), c.getStatus())
                    ? before.getLastTransitionTime() : now);
        }
        return next;
    }

    private static String join(Map<String, Integer> counts, String format) {
        return counts.entrySet().stream().map(e -> e.getKey() + format.formatted(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static NamespaceCondition condition(String type, boolean status, String reason, String message) {
        NamespaceCondition c = new NamespaceCondition();
        c.setType(type);
        c.setStatus(status ? "True" : "False");
        c.setReason(reason);
        c.setMessage(message);
        return c;
    }
}
