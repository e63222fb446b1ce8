package io.pod4j.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.api.model.KubeObject;
import io.pod4j.api.model.Node;
import io.pod4j.api.model.Pod;
import io.pod4j.cli.ApiError;
import io.pod4j.cli.print.OutputFormat;
import io.pod4j.cli.print.Table;
import io.pod4j.engine.status.HumanDuration;
import io.pod4j.engine.status.KubectlColumns;
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
            KubeObject obj = single ? pods.get(0) : io.pod4j.api.model.KubeList.of(new ArrayList<KubeObject>(pods));
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
        EventFields fields = EventFields.parse(fieldSelector);
        JsonNode res = SupervisorClient.call(scope.into(SupervisorClient.request("list")));
        List<io.pod4j.api.model.Event> all = new ArrayList<>();
        for (Pod p : Pods.pods(res.get("items"))) {
            all.addAll(Pods.events(SupervisorClient.call(SupervisorClient.request("events")
                    .put("namespace", p.metadata().namespace()).put("name", p.metadata().name()))));
        }
        // Events carry no labels here, so a label selector matches none of them.
        all.removeIf(e -> selector != null && !selector.isBlank() || !fields.matches(e));
        if (format.generic()) {
            all = SortBy.sort(all, sortBy);
            System.out.print(format.print(io.pod4j.api.model.KubeList.of(new ArrayList<KubeObject>(all)), false));
            return 0;
        }
        if (all.isEmpty()) {
            System.err.println(scope.allNamespaces ? "No resources found" : "No resources found in " + scope.namespace() + " namespace.");
            return 0;
        }
        all.sort(java.util.Comparator.comparing((io.pod4j.api.model.Event e) -> e.lastTimestamp() != null ? e.lastTimestamp()
                : e.firstTimestamp(), java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
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
                row.add(e.metadata() == null || e.metadata().namespace() == null ? "" : e.metadata().namespace());
            }
            String object = e.involvedObject() == null ? "" : e.involvedObject().kind().toLowerCase(java.util.Locale.ROOT) + "/"
                    + e.involvedObject().name();
            String message = e.message() == null ? "" : e.message().strip();
            if (format.wide()) {
                // The API server's wide event table: SOURCE is "component, host", COUNT 1 for a single event.
                String source = e.source() == null ? "" : nz(e.source().component())
                        + (e.source().host() == null || e.source().host().isEmpty() ? "" : ", " + e.source().host());
                row.addAll(List.of(seen, nz(e.type()), nz(e.reason()), object,
                        e.involvedObject() == null ? "" : nz(e.involvedObject().fieldPath()), source, message,
                        io.pod4j.cli.print.EventAge.firstSeen(e, now), String.valueOf(e.count() == null || e.count() == 0 ? 1 : e.count()),
                        e.metadata() == null ? "" : nz(e.metadata().name())));
            } else {
                row.addAll(List.of(seen, e.type(), e.reason(), object, message));
            }
            t.row(row);
        }
        System.out.print(t.render());
        return 0;
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
            r.add(p.metadata().namespace());
        }
        r.add(kindPrefix + p.metadata().name());
        KubectlColumns k = KubectlColumns.of(p, now);
        r.add(k.ready());
        r.add(k.status());
        r.add(k.restarts());
        r.add(k.age());
        if ("wide".equals(output)) {
            r.add(p.status() == null || p.status().podIP() == null ? "<none>" : p.status().podIP());
            r.add(p.spec().nodeName() == null ? "<none>" : p.spec().nodeName());
            r.add("<none>");
            r.add("<none>");
        }
        labelColumns.forEach(l -> r.add(p.metadata().labels().getOrDefault(l, "")));
        if (showLabels) {
            r.add(labels(p.metadata().labels()));
        }
        return r;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
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
            if (!names.isEmpty() && !names.contains(p.metadata().name())) {
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
                if (nodes.stream().noneMatch(x -> x.metadata().name().equals(n))) {
                    System.err.println("Error from server (NotFound): nodes \"" + n + "\" not found");
                    code = 1;
                }
            }
            nodes.removeIf(x -> !names.contains(x.metadata().name()));
            if (nodes.isEmpty()) {
                return code;
            }
        }
        OutputFormat format = noHeaders ? OutputFormat.parse(output).withoutHeaders() : OutputFormat.parse(output);
        if (format.generic()) {
            boolean single = names.size() == 1;
            KubeObject obj = single ? nodes.get(0) : io.pod4j.api.model.KubeList.of(new ArrayList<KubeObject>(nodes));
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
            var info = n.status() == null ? null : n.status().nodeInfo();
            List<String> r = new ArrayList<>(List.of(n.metadata().name(), "Ready", "<none>",
                    n.metadata().creationTimestamp() == null ? "<unknown>" : HumanDuration.format(java.time.Duration.between(n.metadata().creationTimestamp(), now)), info == null ? "" : info.kubeletVersion()));
            if ("wide".equals(output)) {
                String ip = n.status().addresses().stream().filter(a -> "InternalIP".equals(a.type())).map(a -> a.address())
                        .findFirst().orElse("<none>");
                r.addAll(List.of(ip, "<none>", info == null ? "" : String.valueOf(info.osImage()),
                        info == null ? "" : String.valueOf(info.kernelVersion()), info == null ? "" : info.containerRuntimeVersion()));
            }
            labelColumns.forEach(l -> r.add(n.metadata().labels().getOrDefault(l, "")));
            if (showLabels) {
                r.add(labels(n.metadata().labels()));
            }
            t.row(r);
        }
        System.out.print(t.render());
        return code;
    }
}
