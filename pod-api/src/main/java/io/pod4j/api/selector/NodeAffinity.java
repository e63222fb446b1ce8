package io.pod4j.api.selector;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * Whether a pod may go to a node, as the scheduler's NodeAffinity and TaintToleration filters
 * judge it: the pod's nodeSelector and required node affinity against the node's labels and name,
 * and its tolerations against the node's NoSchedule and NoExecute taints.
 */
public final class NodeAffinity {

    private NodeAffinity() {
    }

    /** @return whether the pod's nodeSelector and required node affinity match the node */
    public static boolean matches(PodSpec spec, Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        String nodeName = node.getMetadata().getName();
        boolean selectorOk = spec.getNodeSelector() == null || spec.getNodeSelector().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        if (!selectorOk) {
            return false;
        }
        if (spec.getAffinity() != null && spec.getAffinity().getNodeAffinity() != null
                && spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
            List<NodeSelectorTerm> terms = spec.getAffinity().getNodeAffinity()
                    .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
            return terms != null && terms.stream().anyMatch(t -> matches(t, labels, nodeName));
        }
        return true;
    }

    /** @return the first NoSchedule or NoExecute taint of the node the tolerations do not tolerate, or null */
    public static Taint untolerated(List<Toleration> tolerations, Node node) {
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
        List<Toleration> tols = tolerations == null ? List.of() : tolerations;
        for (Taint t : taints) {
            if ("PreferNoSchedule".equals(t.getEffect())) {
                continue;
            }
            if (tols.stream().noneMatch(tol -> tolerates(tol, t))) {
                return t;
            }
        }
        return null;
    }

    private static boolean tolerates(Toleration tol, Taint taint) {
        if (tol.getEffect() != null && !tol.getEffect().isEmpty() && !tol.getEffect().equals(taint.getEffect())) {
            return false;
        }
        if (tol.getKey() == null || tol.getKey().isEmpty()) {
            return "Exists".equals(tol.getOperator()); // an empty key with Exists tolerates everything
        }
        if (!tol.getKey().equals(taint.getKey())) {
            return false;
        }
        if ("Exists".equals(tol.getOperator())) {
            return true;
        }
        String v = tol.getValue() == null ? "" : tol.getValue();
        return v.equals(taint.getValue() == null ? "" : taint.getValue());
    }

    private static boolean matches(NodeSelectorTerm term, Map<String, String> labels, String nodeName) {
        List<NodeSelectorRequirement> expressions = term.getMatchExpressions() == null ? List.of() : term.getMatchExpressions();
        List<NodeSelectorRequirement> fields = term.getMatchFields() == null ? List.of() : term.getMatchFields();
        if (expressions.isEmpty() && fields.isEmpty()) {
            return false; // an empty term matches no node, as in Kubernetes
        }
        for (NodeSelectorRequirement r : expressions) {
            if (!matches(r, labels.get(r.getKey()), labels.containsKey(r.getKey()))) {
                return false;
            }
        }
        for (NodeSelectorRequirement r : fields) {
            if (!"metadata.name".equals(r.getKey()) || !matches(r, nodeName, true)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(NodeSelectorRequirement r, String value, boolean present) {
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        return switch (r.getOperator() == null ? "" : r.getOperator()) {
            case "In" -> present && values.contains(value);
            case "NotIn" -> !present || !values.contains(value);
            case "Exists" -> present;
            case "DoesNotExist" -> !present;
            case "Gt" -> present && compare(value, values) > 0;
            case "Lt" -> present && compare(value, values) < 0;
            default -> false;
        };
    }

    private static int compare(String value, List<String> bound) {
        try {
            return Long.compare(Long.parseLong(value), Long.parseLong(bound.get(0)));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
