package io.pod4j.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Timestamps;
import io.pod4j.api.selector.FieldSelector;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.cli.ApiError;
import io.pod4j.cli.print.OutputFormat;
import io.pod4j.cli.print.Table;
import io.pod4j.apiserver.table.HumanDuration;
import io.pod4j.cli.print.KubectlColumns;
import io.pod4j.cli.supervisor.SupervisorClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code get pods|nodes [NAME...]} with kubectl's columns and output formats. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Display one or many resources (pods, nodes, events).")
public class GetCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "pods, nodes or events")
    String resource;

    @Parameters(index = "1..*", description = "names")
    List<String> names = new ArrayList<>();

    @Mixin
    Scope scope;

    @Option(names = {"-l", "--selector"}, description = "label selector, such as 'env in (prod),tier'")
    String selector;

    @Option(names = "--field-selector", description = "field selector, such as status.phase=Running")
    String fieldSelector;

    @Option(names = {"-o", "--output"}, description = "wide, yaml, json or name")
    String output;

    @Option(names = "--show-labels", description = "show all labels as the last column")
    boolean showLabels;

    @Option(names = {"-L", "--label-columns"}, split = ",", description = "labels to show as columns")
    List<String> labelColumns = new ArrayList<>();

    @Option(names = "--no-headers", description = "print no header line (tables and custom columns)")
    boolean noHeaders;

    @Option(names = "--sort-by", description = "a JSONPath expression to sort by, such as .metadata.creationTimestamp")
    String sortBy;

    @Option(names = {"-w", "--watch"}, description = "after listing, watch for changes")
    boolean watch;

    private final List<List<String>> listed = new ArrayList<>();

    /** {@code pod/} for {@code get all}, which names each row by kind; empty for {@code get pods}. */
    private String kindPrefix = "";

    @Override
    public Integer call() {
        String type = resource;
        if (type.contains("/")) {
            names.add(0, type.substring(type.indexOf('/') + 1));
            type = type.substring(0, type.indexOf('/'));
        }
        switch (type) {
            case "pods", "pod", "po" -> {
                return pods();
            }
            case "all" -> {
                // kubectl's "all" category; pods are the only kind of it pod4j has, named kind/name as kubectl lists a category.
                kindPrefix = "pod/";
                return pods();
            }
            case "nodes", "node", "no" -> {
                return nodes();
            }
            case "events", "event", "ev" -> {
                return events();
            }
            default -> throw new ApiError(null, "the server doesn't have a resource type \"" + resource + "\"");
        }
    }

    private int pods() {
        OutputFormat format = OutputFormat.parse(output);
        if (noHeaders) {
            format = format.withoutHeaders();
        }
        ObjectNode req = scope.into(SupervisorClient.request("list"));
        if (selector != null) {
            req.put("labelSelector", selector);
        }
        if (fieldSelector != null) {
            req.put("fieldSelector", fieldSelector);
        }
        names.forEach(req.withArray("names")::add);
        JsonNode res = SupervisorClient.call(req);
        List<Pod> pods = SortBy.sort(Pods.pods(res.get("items")), sortBy);
        int code = 0;
        for (JsonNode m : res.get("missing")) {
            System.err.println("Error from server (NotFound): pods \"" + m.asText() + "\" not found");
            code = 1;
        }
        if (format.generic()) {
            // kubectl prints one named object as itself, anything else as a List; a single name
            // that is not found prints only its error.
            boolean single = names.size() == 1;
            if (single && pods.isEmpty()) {
                return code;
            }
            KubernetesResource obj = single ? pods.get(0) : Manifests.list(pods);
            System.out.print(format.print(obj, single));
            System.out.flush();
            return code;
        }
        if (pods.isEmpty() && names.isEmpty() && !watch) {
            System.err.println(scope.allNamespaces ? "No resources found" : "No resources found in " + scope.namespace() + " namespace.");
            return code;
        }
        Instant now = Instant.now();
        Table t = new Table();
        if (!pods.isEmpty() || watch) {
            if (!noHeaders) {
                t.row(header());
            }
        }
        pods.forEach(p -> t.row(row(p, now)));
        if (!noHeaders) {
            listed.add(header());
        }
        pods.forEach(p -> listed.add(row(p, now)));
        System.out.print(t.render());
        System.out.flush();
        if (watch) {
            watch();
        }
        return code;
    }

    /** {@code get events}: the events of the pods in scope, oldest first, in kubectl's columns. */
    private int events() {
        OutputFormat format = noHeaders ? OutputFormat.parse(output).withoutHeaders() : OutputFormat.parse(output);
        FieldSelector fields = eventFields(fieldSelector);
        JsonNode res = SupervisorClient.call(scope.into(SupervisorClient.request("list")));
        List<Event> all = new ArrayList<>();
        for (Pod p : Pods.pods(res.get("items"))) {
            all.addAll(Pods.events(SupervisorClient.call(SupervisorClient.request("events")
                    .put("namespace", p.getMetadata().getNamespace()).put("name", p.getMetadata().getName()))));
        }
        // Events carry no labels here, so a label selector matches none of them.
        all.removeIf(e -> selector != null && !selector.isBlank() || !fields.matches(e));
        if (format.generic()) {
            all = SortBy.sort(all, sortBy);
            System.out.print(format.print(Manifests.list(all), false));
            return 0;
        }
        if (all.isEmpty()) {
            System.err.println(scope.allNamespaces ? "No resources found" : "No resources found in " + scope.namespace() + " namespace.");
            return 0;
        }
        all.sort(java.util.Comparator.comparing((Event e) -> Timestamps.parse(e.getLastTimestamp() != null ? e.getLastTimestamp()
                : e.getFirstTimestamp()), java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        all = SortBy.sort(all, sortBy);
        Instant now = Instant.now();
        Table t = new Table();
        List<String> h = new ArrayList<>();
        if (scope.allNamespaces) {
            h.add("NAMESPACE");
        }
        h.addAll(format.wide() ? List.of("LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN",
                "COUNT", "NAME") : List.of("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"));
        if (!noHeaders) {
            t.row(h);
        }
        for (var e : all) {
            String seen = io.pod4j.cli.print.EventAge.lastSeen(e, now);
            List<String> row = new ArrayList<>();
            if (scope.allNamespaces) {
                row.add(e.getMetadata() == null || e.getMetadata().getNamespace() == null ? "" : e.getMetadata().getNamespace());
            }
            var involved = e.getInvolvedObject();
            String object = involved == null ? "" : involved.getKind().toLowerCase(java.util.Locale.ROOT) + "/" + involved.getName();
            String message = e.getMessage() == null ? "" : e.getMessage().strip();
            if (format.wide()) {
                // The API server's wide event table: SOURCE is "component, host", COUNT 1 for a single event.
                String source = e.getSource() == null ? "" : nz(e.getSource().getComponent())
                        + (e.getSource().getHost() == null || e.getSource().getHost().isEmpty() ? "" : ", " + e.getSource().getHost());
                row.addAll(List.of(seen, nz(e.getType()), nz(e.getReason()), object,
                        involved == null ? "" : nz(involved.getFieldPath()), source, message,
                        io.pod4j.cli.print.EventAge.firstSeen(e, now),
                        String.valueOf(e.getCount() == null || e.getCount() == 0 ? 1 : e.getCount()),
                        e.getMetadata() == null ? "" : nz(e.getMetadata().getName())));
            } else {
                row.addAll(List.of(seen, nz(e.getType()), nz(e.getReason()), object, message));
            }
            t.row(row);
        }
        System.out.print(t.render());
        return 0;
    }

    /**
     * @param selector the {@code --field-selector} of {@code get events}, or null
     * @return the selector, over the fields the API server lets events be selected by
     * @throws ApiError with the API server's words for any other field
     */
    static FieldSelector eventFields(String selector) {
        try {
            return selector == null ? FieldSelector.everything() : FieldSelector.parse("Event", selector);
        } catch (IllegalArgumentException e) {
            throw new ApiError("BadRequest", "Unable to find \"/v1, Resource=events\" that match label selector \"\", field"
                    + " selector \"" + selector + "\": " + e.getMessage());
        }
    }

    private List<String> header() {
        List<String> h = new ArrayList<>();
        if (scope.allNamespaces) {
            h.add("NAMESPACE");
        }
        h.addAll(List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE"));
        if ("wide".equals(output)) {
            h.addAll(List.of("IP", "NODE", "NOMINATED NODE", "READINESS GATES"));
        }
        labelColumns.forEach(l -> h.add(l.substring(l.lastIndexOf('/') + 1).toUpperCase()));
        if (showLabels) {
            h.add("LABELS");
        }
        return h;
    }

    private List<String> row(Pod p, Instant now) {
        List<String> r = new ArrayList<>();
        if (scope.allNamespaces) {
            r.add(p.getMetadata().getNamespace());
        }
        r.add(kindPrefix + p.getMetadata().getName());
        KubectlColumns k = KubectlColumns.of(p, now);
        r.add(k.ready());
        r.add(k.status());
        r.add(k.restarts());
        r.add(k.age());
        if ("wide".equals(output)) {
            r.add(p.getStatus() == null || p.getStatus().getPodIP() == null ? "<none>" : p.getStatus().getPodIP());
            r.add(p.getSpec().getNodeName() == null ? "<none>" : p.getSpec().getNodeName());
            r.add("<none>");
            r.add("<none>");
        }
        labelColumns.forEach(l -> r.add(labelsOf(p).getOrDefault(l, "")));
        if (showLabels) {
            r.add(labels(labelsOf(p)));
        }
        return r;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Map<String, String> labelsOf(io.fabric8.kubernetes.api.model.HasMetadata o) {
        return o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels();
    }

    static String labels(Map<String, String> labels) {
        return labels.isEmpty() ? "<none>" : new TreeMap<>(labels).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private void watch() {
        ObjectNode req = scope.into(SupervisorClient.request("watch"));
        if (selector != null) {
            req.put("labelSelector", selector);
        }
        List<List<String>> shown = new ArrayList<>(listed);
        SupervisorClient.stream(req, ev -> {
            if (!ev.has("object")) {
                return;
            }
            Pod p = Pods.pod(ev.get("object"));
            if (!names.isEmpty() && !names.contains(p.getMetadata().getName())) {
                return;
            }
            // Aligned with the rows printed so far, as kubectl's watch printer keeps its column widths.
            shown.add(row(p, Instant.now()));
            Table t = new Table();
            shown.forEach(t::row);
            String[] lines = t.render().split("\n");
            System.out.println(lines[lines.length - 1]);
            System.out.flush();
        });
    }

    private int nodes() {
        JsonNode res = SupervisorClient.call(SupervisorClient.request("nodes"));
        List<Node> nodes = new ArrayList<>();
        res.forEach(n -> nodes.add(Pods.node(n)));
        int code = 0;
        if (!names.isEmpty()) {
            for (String n : names) {
                if (nodes.stream().noneMatch(x -> x.getMetadata().getName().equals(n))) {
                    System.err.println("Error from server (NotFound): nodes \"" + n + "\" not found");
                    code = 1;
                }
            }
            nodes.removeIf(x -> !names.contains(x.getMetadata().getName()));
            if (nodes.isEmpty()) {
                return code;
            }
        }
        OutputFormat format = noHeaders ? OutputFormat.parse(output).withoutHeaders() : OutputFormat.parse(output);
        if (format.generic()) {
            boolean single = names.size() == 1;
            KubernetesResource obj = single ? nodes.get(0) : Manifests.list(nodes);
            System.out.print(format.print(obj, single));
            return code;
        }
        Instant now = Instant.now();
        List<String> h = new ArrayList<>(List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION"));
        if ("wide".equals(output)) {
            h.addAll(List.of("INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"));
        }
        labelColumns.forEach(l -> h.add(l.substring(l.lastIndexOf('/') + 1).toUpperCase()));
        if (showLabels) {
            h.add("LABELS");
        }
        Table t = noHeaders ? new Table() : new Table().row(h);
        for (Node n : nodes) {
            var info = n.getStatus() == null ? null : n.getStatus().getNodeInfo();
            String created = n.getMetadata().getCreationTimestamp();
            List<String> r = new ArrayList<>(List.of(n.getMetadata().getName(), "Ready", "<none>",
                    created == null ? "<unknown>" : HumanDuration.format(java.time.Duration.between(Timestamps.parse(created), now)),
                    info == null ? "" : nz(info.getKubeletVersion())));
            if ("wide".equals(output)) {
                String ip = n.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType())).map(a -> a.getAddress())
                        .findFirst().orElse("<none>");
                r.addAll(List.of(ip, "<none>", info == null ? "" : String.valueOf(info.getOsImage()),
                        info == null ? "" : String.valueOf(info.getKernelVersion()), info == null ? "" : nz(info.getContainerRuntimeVersion())));
            }
            labelColumns.forEach(l -> r.add(labelsOf(n).getOrDefault(l, "")));
            if (showLabels) {
                r.add(labels(labelsOf(n)));
            }
            t.row(r);
        }
        System.out.print(t.render());
        return code;
    }
}
