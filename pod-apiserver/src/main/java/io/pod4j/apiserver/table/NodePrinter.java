package io.pod4j.apiserver.table;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The Node row a cluster prints: STATUS from the Ready condition ({@code Ready}, {@code NotReady},
 * {@code Unknown}, then {@code SchedulingDisabled} when cordoned), ROLES from the
 * {@code node-role.kubernetes.io/<role>} and {@code kubernetes.io/role} labels, the kubelet's version,
 * and with {@code -o wide} addresses, OS image, kernel and container runtime.
 */
final class NodePrinter implements Printer {

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Status", "The status of the node"),
            Column.string("Roles", "The roles of the node"),
            Column.created(),
            Column.string("Version", "The kubelet's version (status.nodeInfo.kubeletVersion)."),
            Column.wide("Internal-IP", "The node's first InternalIP address."),
            Column.wide("External-IP", "The node's first ExternalIP address."),
            Column.wide("OS-Image", "The OS image the node reports (status.nodeInfo.osImage)."),
            Column.wide("Kernel-Version", "The kernel the node reports (status.nodeInfo.kernelVersion)."),
            Column.wide("Container-Runtime", "The container runtime the node reports"
                    + " (status.nodeInfo.containerRuntimeVersion)."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public Row row(HasMetadata object, Instant now) {
        Node node = (Node) object;
        NodeStatus status = node.getStatus() == null ? new NodeStatus() : node.getStatus();
        NodeSystemInfo info = status.getNodeInfo() == null ? new NodeSystemInfo() : status.getNodeInfo();
        List<String> state = new ArrayList<>();
        for (NodeCondition c : status.getConditions()) {
            if ("Ready".equals(c.getType())) {
                state.clear(); // the last Ready condition wins, as a map keyed by type would keep it
                state.add("True".equals(c.getStatus()) ? "Ready" : "NotReady");
            }
        }
        if (state.isEmpty()) {
            state.add("Unknown");
        }
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            state.add("SchedulingDisabled");
        }
        String roles = String.join(",", roles(node.getMetadata().getLabels()));
        return Row.of(node.getMetadata().getName(), String.join(",", state), roles.isEmpty() ? "<none>" : roles,
                Printer.since(node.getMetadata().getCreationTimestamp(), now), nullToEmpty(info.getKubeletVersion()),
                address(status, "InternalIP"), address(status, "ExternalIP"), unknown(info.getOsImage()),
                unknown(info.getKernelVersion()), unknown(info.getContainerRuntimeVersion()));
    }

    /** Sorted, where Go's set order is random; a cluster with one role prints the same. */
    private static TreeSet<String> roles(Map<String, String> labels) {
        TreeSet<String> roles = new TreeSet<>();
        if (labels == null) {
            return roles;
        }
        labels.forEach((k, v) -> {
            if (k.startsWith("node-role.kubernetes.io/")) {
                String role = k.substring("node-role.kubernetes.io/".length());
                if (!role.isEmpty()) {
                    roles.add(role);
                }
            } else if (k.equals("kubernetes.io/role") && v != null && !v.isEmpty()) {
                roles.add(v);
            }
        });
        return roles;
    }

    private static String address(NodeStatus status, String type) {
        for (NodeAddress a : status.getAddresses()) {
            if (type.equals(a.getType())) {
                return a.getAddress();
            }
        }
        return "<none>";
    }

    private static String unknown(String s) {
        return s == null || s.isEmpty() ? "<unknown>" : s;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
