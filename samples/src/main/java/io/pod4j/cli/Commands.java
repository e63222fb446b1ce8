package io.pod4j.cli;

import io.pod4j.api.error.AlreadyExistsException;
import io.pod4j.api.error.ManifestException;
import io.pod4j.api.error.NotFoundException;
import io.pod4j.api.error.PodTimeoutException;
import io.pod4j.api.model.ConfigMap;
import io.pod4j.api.model.Container;
import io.pod4j.api.model.ContainerPort;
import io.pod4j.api.model.EnvVar;
import io.pod4j.api.model.KubeList;
import io.pod4j.api.model.KubeObject;
import io.pod4j.api.model.Node;
import io.pod4j.api.model.ObjectMeta;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.PodSpec;
import io.pod4j.api.model.ResourceRequirements;
import io.pod4j.api.model.Secret;
import io.pod4j.api.selector.FieldSelector;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.engine.ExecResult;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.status.HumanDuration;
import io.pod4j.engine.status.KubectlColumns;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * kubectl's verbs over a {@link PodEngine}: what the supervisor runs for each command line. Output
 * and errors are worded as kubectl words them.
 */
final class Commands {

    static final String VERSION = "v0.1.0";

    private final PodEngine engine;
    private final Path cwd;
    private final String stdin;
    private final PrintStream out;
    private final PrintStream err;

    Commands(PodEngine engine, Path cwd, String stdin, PrintStream out, PrintStream err) {
        this.engine = engine;
        this.cwd = cwd;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    /** @return the exit code */
    int run(List<String> args) {
        if (args.isEmpty()) {
            out.print(Help.MAIN);
            return 0;
        }
        String verb = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(Help.of(verb));
            return 0;
        }
        try {
            return switch (verb) {
                case "apply" -> apply(rest, true);
                case "create" -> apply(rest, false);
                case "get" -> get(rest);
                case "describe" -> describe(rest);
                case "delete" -> delete(rest);
                case "label" -> label(rest, true);
                case "annotate" -> label(rest, false);
                case "logs" -> logs(rest);
                case "exec" -> exec(rest);
                case "wait" -> waitFor(rest);
                case "run" -> runPod(rest);
                case "version" -> version();
                case "__container" -> containerId(rest);
                case "__endpoint" -> endpoint(rest);
                default -> throw new CliException("unknown command \"" + verb + "\" for \"pod4j\"\nRun 'pod4j --help' for usage.");
            };
        } catch (CliException e) {
            err.println(e.fromServer() ? e.getMessage() : "error: " + e.getMessage());
            return 1;
        } catch (NotFoundException e) {
            err.println("Error from server (NotFound): " + e.getMessage());
            return 1;
        } catch (AlreadyExistsException e) {
            err.println("Error from server (AlreadyExists): " + e.getMessage());
            return 1;
        } catch (ManifestException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    // ---------------------------------------------------------------- apply, create

    private List<KubeObject> load(List<String> files) {
        if (files.isEmpty()) {
            throw new CliException("must specify one of -f and -k");
        }
        List<KubeObject> objects = new ArrayList<>();
        for (String f : files) {
            if (f.equals("-")) {
                objects.addAll(Manifests.load(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), "<stdin>"));
            } else {
                Path p = cwd.resolve(f);
                if (!p.toFile().exists()) {
                    throw new CliException("the path \"" + f + "\" does not exist");
                }
                objects.addAll(Manifests.load(p));
            }
        }
        return objects;
    }

    private int apply(List<String> args, boolean apply) {
        Flags f = Flags.parse(args, Set.of("-f", "--filename", "-n", "--namespace", "-o", "--output"),
                Set.of("--dry-run", "-R", "--recursive"), apply ? "apply" : "create");
        String ns = f.get("-n", "--namespace");
        int exit = 0;
        for (KubeObject o : load(f.all("-f", "--filename"))) {
            KubeObject obj = ns == null || o.metadata().namespace() != null ? o : withNamespace(o, ns);
            String kind = obj.kind().toLowerCase();
            String name = obj.metadata().name();
            try {
                if (obj instanceof Pod pod) {
                    String podNs = namespaceOf(pod);
                    var existing = name == null ? java.util.Optional.<Pod>empty() : engine.get(podNs, name);
                    if (existing.isPresent()) {
                        if (!apply) {
                            throw new AlreadyExistsException("pods", name);
                        }
                        out.println("pod/" + name + " " + update(existing.get(), pod));
                    } else {
                        PodHandle h = engine.create(pod);
                        out.println("pod/" + h.name() + " created");
                    }
                } else {
                    boolean known = engine.knows(obj);
                    if (known && !apply) {
                        throw new AlreadyExistsException(kind + "s", name);
                    }
                    engine.put(obj);
                    out.println(kind + "/" + name + (known ? " configured" : " created"));
                }
            } catch (AlreadyExistsException e) {
                err.println("Error from server (AlreadyExists): error when creating \"" + String.join(",", f.all("-f", "--filename"))
                        + "\": " + e.getMessage());
                exit = 1;
            }
        }
        return exit;
    }

    private static KubeObject withNamespace(KubeObject o, String ns) {
        ObjectMeta m = o.metadata().toBuilder().namespace(ns).build();
        if (o instanceof Pod p) {
            return p.withMetadata(m);
        }
        if (o instanceof ConfigMap c) {
            return c.toBuilder().metadata(m).build();
        }
        if (o instanceof Secret s) {
            return s.toBuilder().metadata(m).build();
        }
        return o;
    }

    /** The API server lets only labels and annotations of a pod change; anything else is refused. */
    private String update(Pod existing, Pod wanted) {
        Pod defaulted = io.pod4j.api.validation.PodDefaults.apply(wanted);
        PodSpec have = existing.spec().toBuilder().nodeName(null).build();
        PodSpec want = defaulted.spec().toBuilder().nodeName(null).build();
        if (!have.equals(want)) {
            throw new CliException("The Pod \"" + existing.metadata().name() + "\" is invalid: spec: Forbidden: pod updates may not"
                    + " change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,"
                    + "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
                    + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)", true);
        }
        if (existing.metadata().labels().equals(wanted.metadata().labels())
                && existing.metadata().annotations().equals(wanted.metadata().annotations())) {
            return "unchanged";
        }
        engine.updateMetadata(namespaceOf(existing), existing.metadata().name(), wanted.metadata().labels(),
                wanted.metadata().annotations());
        return "configured";
    }

    private static String namespaceOf(Pod p) {
        return p.metadata().namespace() == null ? "default" : p.metadata().namespace();
    }

    // ---------------------------------------------------------------- get

    private static final Set<String> GET_VALUES = Set.of("-n", "--namespace", "-l", "--selector", "--field-selector", "-o",
            "--output", "-L", "--label-columns");
    private static final Set<String> GET_BOOLEANS = Set.of("-A", "--all-namespaces", "--show-labels", "-w", "--watch",
            "--no-headers");

    private int get(List<String> args) {
        Flags f = Flags.parse(args, GET_VALUES, GET_BOOLEANS, "get");
        if (f.positional.isEmpty()) {
            throw new CliException("You must specify the type of resource to get. Use \"pod4j api-resources\" for a complete list of"
                    + " supported resources.");
        }
        String type = f.positional.get(0);
        List<String> names = new ArrayList<>(f.positional.subList(1, f.positional.size()));
        if (type.contains("/")) {
            names.add(0, type.substring(type.indexOf('/') + 1));
            type = type.substring(0, type.indexOf('/'));
        }
        return switch (type) {
            case "pods", "pod", "po" -> getPods(f, names);
            case "nodes", "node", "no" -> getNodes(f, names);
            default -> throw new CliException("the server doesn't have a resource type \"" + type + "\"", true);
        };
    }

    private int getPods(Flags f, List<String> names) {
        boolean all = f.has("-A", "--all-namespaces");
        String ns = all ? null : f.get("-n", "--namespace") == null ? "default" : f.get("-n", "--namespace");
        String selector = f.get("-l", "--selector");
        String fields = f.get("--field-selector");
        List<Pod> pods;
        int exit = 0;
        if (!names.isEmpty()) {
            pods = new ArrayList<>();
            for (String n : names) {
                var p = engine.get(ns == null ? "default" : ns, n);
                if (p.isPresent()) {
                    pods.add(p.get());
                } else {
                    err.println("Error from server (NotFound): pods \"" + n + "\" not found");
                    exit = 1;
                }
            }
        } else {
            pods = engine.list(ns, selector == null ? null : parseSelector(selector),
                    fields == null ? null : FieldSelector.parse(fields));
        }
        String output = f.get("-o", "--output");
        if (output != null && (output.equals("yaml") || output.equals("json"))) {
            if (pods.isEmpty() && names.isEmpty()) {
                KubeObject list = KubeList.of(List.of());
                out.print(output.equals("yaml") ? Manifests.toYaml(list) : Manifests.toJson(list));
            } else if (pods.size() == 1 && names.size() == 1) {
                out.print(output.equals("yaml") ? Manifests.toYaml(pods.get(0)) : Manifests.toJson(pods.get(0)));
            } else if (!pods.isEmpty()) {
                out.print(output.equals("yaml") ? Manifests.toYaml(KubeList.of(pods)) : Manifests.toJson(KubeList.of(pods)));
            }
            return exit;
        }
        if (output != null && output.equals("name")) {
            pods.forEach(p -> out.println("pod/" + p.metadata().name()));
            return exit;
        }
        if (output != null && !output.equals("wide")) {
            throw new CliException("unable to match a printer suitable for the output format \"" + output
                    + "\", allowed formats are: json,name,wide,yaml");
        }
        if (pods.isEmpty()) {
            if (names.isEmpty()) {
                err.println(all ? "No resources found" : "No resources found in " + ns + " namespace.");
            }
            return exit;
        }
        boolean wide = "wide".equals(output);
        List<String> labelColumns = new ArrayList<>();
        for (String l : f.all("-L", "--label-columns")) {
            labelColumns.addAll(List.of(l.split(",")));
        }
        Table t = new Table();
        List<String> header = new ArrayList<>();
        if (all) {
            header.add("NAMESPACE");
        }
        header.addAll(List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE"));
        if (wide) {
            header.addAll(List.of("IP", "NODE", "NOMINATED NODE", "READINESS GATES"));
        }
        labelColumns.forEach(l -> header.add(l.substring(l.lastIndexOf('/') + 1).toUpperCase()));
        if (f.has("--show-labels")) {
            header.add("LABELS");
        }
        if (!f.has("--no-headers")) {
            t.row(header);
        }
        Instant now = Instant.now();
        for (Pod p : pods) {
            KubectlColumns c = KubectlColumns.of(p, now);
            List<String> row = new ArrayList<>();
            if (all) {
                row.add(p.metadata().namespace());
            }
            row.addAll(List.of(p.metadata().name(), c.ready(), c.status(), c.restarts(), c.age()));
            if (wide) {
                String ip = p.status() == null || p.status().podIP() == null ? "<none>" : p.status().podIP();
                String node = p.spec().nodeName() == null ? "<none>" : p.spec().nodeName();
                row.addAll(List.of(ip, node, "<none>", "<none>"));
            }
            labelColumns.forEach(l -> row.add(p.metadata().labels().getOrDefault(l, "")));
            if (f.has("--show-labels")) {
                row.add(labels(p.metadata().labels()));
            }
            t.row(row);
        }
        out.print(t);
        return exit;
    }

    static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "<none>";
        }
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static LabelSelector parseSelector(String s) {
        try {
            return LabelSelector.parse(s);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    private int getNodes(Flags f, List<String> names) {
        Node node = engine.node();
        if (!names.isEmpty() && !names.contains(node.metadata().name())) {
            throw new CliException("Error from server (NotFound): nodes \"" + names.get(0) + "\" not found", true);
        }
        String output = f.get("-o", "--output");
        if ("yaml".equals(output) || "json".equals(output)) {
            out.print("yaml".equals(output) ? Manifests.toYaml(node) : Manifests.toJson(node));
            return 0;
        }
        Table t = new Table();
        List<String> header = new ArrayList<>(List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION"));
        boolean wide = "wide".equals(output);
        if (wide) {
            header.addAll(List.of("INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"));
        }
        if (f.has("--show-labels")) {
            header.add("LABELS");
        }
        t.row(header);
        var info = node.status().nodeInfo();
        List<String> row = new ArrayList<>(List.of(node.metadata().name(), "Ready", "<none>",
                HumanDuration.format(Duration.between(node.metadata().creationTimestamp(), Instant.now())), info.kubeletVersion()));
        if (wide) {
            row.addAll(List.of(node.status().addresses().get(0).address(), "<none>", String.valueOf(info.osImage()),
                    String.valueOf(info.kernelVersion()), info.containerRuntimeVersion()));
        }
        if (f.has("--show-labels")) {
            row.add(labels(node.metadata().labels()));
        }
        t.row(row);
        out.print(t);
        return 0;
    }

    // ---------------------------------------------------------------- describe

    private int describe(List<String> args) {
        Flags f = Flags.parse(args, Set.of("-n", "--namespace", "-l", "--selector"), Set.of("-A", "--all-namespaces"), "describe");
        if (f.positional.isEmpty()) {
            throw new CliException("You must specify the type of resource to describe. Use \"pod4j api-resources\" for a complete"
                    + " list of supported resources.");
        }
        String type = f.positional.get(0);
        List<String> names = new ArrayList<>(f.positional.subList(1, f.positional.size()));
        if (type.contains("/")) {
            names.add(0, type.substring(type.indexOf('/') + 1));
            type = type.substring(0, type.indexOf('/'));
        }
        String ns = f.get("-n", "--namespace") == null ? "default" : f.get("-n", "--namespace");
        if (type.startsWith("no")) {
            out.print(Describer.node(engine.node()));
            return 0;
        }
        if (!type.startsWith("po")) {
            throw new CliException("the server doesn't have a resource type \"" + type + "\"", true);
        }
        List<Pod> pods = new ArrayList<>();
        if (names.isEmpty()) {
            String sel = f.get("-l", "--selector");
            pods.addAll(engine.list(ns, sel == null ? null : parseSelector(sel), null));
        }
        for (String n : names) {
            pods.add(engine.get(ns, n).orElseThrow(() -> new NotFoundException("pods", n)));
        }
        for (int i = 0; i < pods.size(); i++) {
            if (i > 0) {
                out.println();
                out.println();
            }
            Pod p = pods.get(i);
            out.print(Describer.pod(p, engine.events(p.metadata().namespace(), p.metadata().name()), Instant.now()));
        }
        return 0;
    }

    // ---------------------------------------------------------------- delete

    private int delete(List<String> args) {
        Flags f = Flags.parse(args, Set.of("-n", "--namespace", "-l", "--selector", "-f", "--filename", "--grace-period",
                "--timeout", "--wait"), Set.of("--all", "--force", "-A", "--all-namespaces", "--now", "--ignore-not-found"), "delete");
        String ns = f.get("-n", "--namespace") == null ? "default" : f.get("-n", "--namespace");
        List<String[]> targets = new ArrayList<>();
        if (!f.all("-f", "--filename").isEmpty()) {
            for (KubeObject o : load(f.all("-f", "--filename"))) {
                String ons = o.metadata().namespace() == null ? ns : o.metadata().namespace();
                if (o instanceof Pod) {
                    targets.add(new String[] {ons, o.metadata().name()});
                } else {
                    out.println(o.kind().toLowerCase() + " \"" + o.metadata().name() + "\" deleted");
                }
            }
        } else {
            if (f.positional.isEmpty()) {
                throw new CliException("You must provide one or more resources by argument or filename.");
            }
            String type = f.positional.get(0);
            List<String> names = new ArrayList<>(f.positional.subList(1, f.positional.size()));
            if (type.contains("/")) {
                names.add(0, type.substring(type.indexOf('/') + 1));
                type = type.substring(0, type.indexOf('/'));
            }
            if (!type.startsWith("po")) {
                throw new CliException("the server doesn't have a resource type \"" + type + "\"", true);
            }
            String sel = f.get("-l", "--selector");
            if (f.has("--all") || sel != null) {
                boolean allNs = f.has("-A", "--all-namespaces");
                for (Pod p : engine.list(allNs ? null : ns, sel == null ? null : parseSelector(sel), null)) {
                    targets.add(new String[] {p.metadata().namespace(), p.metadata().name()});
                }
                if (targets.isEmpty()) {
                    err.println("No resources found");
                    return 0;
                }
            } else if (names.isEmpty()) {
                throw new CliException("resource(s) were provided, but no name was specified");
            }
            names.forEach(n -> targets.add(new String[] {ns, n}));
        }
        Duration grace = null;
        if (f.get("--grace-period") != null && !f.get("--grace-period").equals("-1")) {
            grace = Duration.ofSeconds(Long.parseLong(f.get("--grace-period")));
        }
        if (f.has("--now")) {
            grace = Duration.ofSeconds(1);
        }
        if (f.has("--force")) {
            if (grace == null) {
                grace = Duration.ZERO;
            }
            err.println("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated."
                    + " The resource may continue to run on the cluster indefinitely.");
        }
        boolean wait = !"false".equals(f.get("--wait"));
        int exit = 0;
        List<PodHandle> deleting = new ArrayList<>();
        for (String[] t : targets) {
            try {
                PodHandle h = engine.handle(t[0], t[1]);
                engine.delete(t[0], t[1], grace);
                deleting.add(h);
                out.println("pod \"" + t[1] + "\" deleted");
            } catch (NotFoundException e) {
                if (!f.has("--ignore-not-found")) {
                    err.println("Error from server (NotFound): pods \"" + t[1] + "\" not found");
                    exit = 1;
                }
            }
        }
        if (wait) {
            deleting.parallelStream().forEach(h -> {
                try {
                    h.awaitDeletion(Duration.ofMinutes(5));
                } catch (PodTimeoutException ignored) {
                    // kubectl returns after its own timeout too; the pod keeps terminating.
                }
            });
        }
        return exit;
    }

    // ---------------------------------------------------------------- label, annotate

    private int label(List<String> args, boolean labels) {
        String verb = labels ? "label" : "annotate";
        Flags f = Flags.parse(args, Set.of("-n", "--namespace", "-l", "--selector"), Set.of("--overwrite", "--all", "--list"), verb);
        if (f.positional.isEmpty()) {
            throw new CliException("one or more resources must be specified as <resource> <name> or <resource>/<name>");
        }
        String type = f.positional.get(0);
        List<String> rest = new ArrayList<>(f.positional.subList(1, f.positional.size()));
        if (type.contains("/")) {
            rest.add(0, type.substring(type.indexOf('/') + 1));
            type = type.substring(0, type.indexOf('/'));
        }
        List<String> names = new ArrayList<>();
        Map<String, String> set = new LinkedHashMap<>();
        List<String> remove = new ArrayList<>();
        for (String r : rest) {
            int eq = r.indexOf('=');
            if (eq > 0) {
                set.put(r.substring(0, eq), r.substring(eq + 1));
            } else if (r.endsWith("-") && r.length() > 1) {
                remove.add(r.substring(0, r.length() - 1));
            } else {
                names.add(r);
            }
        }
        if (set.isEmpty() && remove.isEmpty()) {
            throw new CliException("at least one " + (labels ? "label" : "annotation") + " update is required");
        }
        String ns = f.get("-n", "--namespace") == null ? "default" : f.get("-n", "--namespace");
        if (type.startsWith("no")) {
            Node node = engine.node();
            Map<String, String> current = new LinkedHashMap<>(node.metadata().labels());
            apply(current, set, remove, f.has("--overwrite"), "nodes/" + node.metadata().name());
            engine.labelNode(current);
            out.println("node/" + node.metadata().name() + " " + (labels ? "labeled" : "annotated"));
            return 0;
        }
        if (!type.startsWith("po")) {
            throw new CliException("the server doesn't have a resource type \"" + type + "\"", true);
        }
        List<Pod> pods = new ArrayList<>();
        String sel = f.get("-l", "--selector");
        if (sel != null || f.has("--all")) {
            pods.addAll(engine.list(ns, sel == null ? null : parseSelector(sel), null));
        }
        for (String n : names) {
            pods.add(engine.get(ns, n).orElseThrow(() -> new NotFoundException("pods", n)));
        }
        for (Pod p : pods) {
            Map<String, String> l = new LinkedHashMap<>(p.metadata().labels());
            Map<String, String> a = new LinkedHashMap<>(p.metadata().annotations());
            Map<String, String> target = labels ? l : a;
            Map<String, String> before = new LinkedHashMap<>(target);
            apply(target, set, remove, f.has("--overwrite"), "pods/" + p.metadata().name());
            if (before.equals(target)) {
                out.println("pod/" + p.metadata().name() + " not " + (labels ? "labeled" : "annotated"));
                continue;
            }
            engine.updateMetadata(p.metadata().namespace(), p.metadata().name(), l, a);
            out.println("pod/" + p.metadata().name() + " " + (labels ? "labeled" : "annotated"));
        }
        return 0;
    }

    private static void apply(Map<String, String> target, Map<String, String> set, List<String> remove, boolean overwrite,
            String what) {
        for (Map.Entry<String, String> e : set.entrySet()) {
            String old = target.get(e.getKey());
            if (old != null && !old.equals(e.getValue()) && !overwrite) {
                throw new CliException("'" + e.getKey() + "' already has a value (" + old + "), and --overwrite is false");
            }
            for (String problem : io.pod4j.api.validation.NameRules.qualifiedName(e.getKey())) {
                throw new CliException("invalid label key \"" + e.getKey() + "\": " + problem);
            }
            target.put(e.getKey(), e.getValue());
        }
        for (String r : remove) {
            target.remove(r);
        }
    }

    // ---------------------------------------------------------------- logs, exec

    private record Target(PodHandle handle, Pod pod, String container) {
    }

    private Target target(String ns, String name, String container) {
        if (name.startsWith("pod/") || name.startsWith("pods/")) {
            name = name.substring(name.indexOf('/') + 1);
        }
        PodHandle h = engine.handle(ns, name);
        Pod p = h.pod();
        List<String> all = new ArrayList<>();
        p.spec().initContainers().forEach(c -> all.add(c.name()));
        p.spec().containers().forEach(c -> all.add(c.name()));
        if (container == null) {
            container = p.spec().containers().get(0).name();
            if (p.spec().containers().size() > 1) {
                err.println("Defaulted container \"" + container + "\" out of: " + String.join(", ", all));
            }
        } else if (!all.contains(container)) {
            throw new CliException("container " + container + " is not valid for pod " + name);
        }
        return new Target(h, p, container);
    }

    private int logs(List<String> args) {
        Flags f = Flags.parse(args, Set.of("-n", "--namespace", "-c", "--container", "--tail", "--since", "-l", "--selector"),
                Set.of("-p", "--previous", "-f", "--follow", "--timestamps", "--all-containers"), "logs");
        if (f.positional.isEmpty()) {
            throw new CliException("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required"
                    + " argument for the logs command\nSee 'pod4j logs -h' for help and examples");
        }
        String ns = f.get("-n", "--namespace") == null ? "default" : f.get("-n", "--namespace");
        boolean previous = f.has("-p", "--previous");
        Integer tail = f.get("--tail") == null || f.get("--tail").equals("-1") ? null : Integer.valueOf(f.get("--tail"));
        if (f.has("--all-containers")) {
            Target t = target(ns, f.positional.get(0), null);
            List<String> all = new ArrayList<>();
            t.pod().spec().initContainers().forEach(c -> all.add(c.name()));
            t.pod().spec().containers().forEach(c -> all.add(c.name()));
            for (String c : all) {
                out.print(logText(t.handle(), c, previous, tail, f));
            }
            return 0;
        }
        Target t = target(ns, f.positional.get(0), f.get("-c", "--container"));
        out.print(logText(t.handle(), t.container(), previous, tail, f));
        return 0;
    }

    private String logText(PodHandle h, String container, boolean previous, Integer tail, Flags f) {
        try {
            return h.logs(container, previous, tail, f.has("--timestamps"), since(f.get("--since")));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage().replace("previous terminated container", "previous terminated container"), false);
        }
    }

    static Duration since(String s) {
        if (s == null) {
            return null;
        }
        return Durations.parse(s);
    }

    private int exec(List<String> args) {
        Flags f = Flags.parse(args, Set.of("-n", "--namespace", "-c", "--container"), Set.of("-i", "--stdin", "-t", "--tty", "-q",
                "--quiet"), "exec");
        if (f.positional.isEmpty()) {
            throw new CliException("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
        }
        if (f.afterDash.isEmpty()) {
            throw new CliException("you must specify at least one command for the container");
        }
        String ns = f.get("-n", "--namespace") == null ? "default" : f.get("-n", "--namespace");
        Target t = target(ns, f.positional.get(0), f.get("-c", "--container"));
        ExecResult r = t.handle().exec(t.container(), f.afterDash.toArray(String[]::new));
        out.print(r.stdout());
        err.print(r.stderr());
        if (r.exitCode() != 0) {
            err.println("command terminated with exit code " + r.exitCode());
        }
        return r.exitCode();
    }

    private int containerId(List<String> args) {
        Flags f = Flags.parse(args, Set.of("-n", "-c"), Set.of("-p"), "__container");
        Target t = target(f.get("-n") == null ? "default" : f.get("-n"), f.positional.get(0), f.get("-c"));
        out.println(t.handle().containerId(t.container(), f.has("-p")));
        return 0;
    }

    private int endpoint(List<String> args) {
        Flags f = Flags.parse(args, Set.of("-n"), Set.of(), "__endpoint");
        String ns = f.get("-n") == null ? "default" : f.get("-n");
        String name = f.positional.get(0);
        if (name.startsWith("pod/") || name.startsWith("pods/")) {
            name = name.substring(name.indexOf('/') + 1);
        }
        int port = Integer.parseInt(f.positional.get(1));
        Pod p = engine.handle(ns, name).pod();
        for (Container c : p.spec().containers()) {
            for (ContainerPort cp : c.ports()) {
                if (cp.containerPort() == port) {
                    var a = engine.handle(ns, name).endpoint(c.name(), port);
                    out.println(a.getHostString() + ":" + a.getPort());
                    return 0;
                }
            }
        }
        out.println(p.status().podIP() + ":" + port);
        return 0;
    }

    // ---------------------------------------------------------------- wait

    private int waitFor(List<String> args) {
        Flags f = Flags.parse(args, Set.of("-n", "--namespace", "--for", "--timeout", "-l", "--selector"), Set.of("--all"), "wait");
        String cond = f.get("--for");
        if (cond == null) {
            throw new CliException("--for must be set");
        }
        String ns = f.get("-n", "--namespace") == null ? "default" : f.get("-n", "--namespace");
        Duration timeout = f.get("--timeout") == null ? Duration.ofSeconds(30) : Durations.parse(f.get("--timeout"));
        List<String> names = new ArrayList<>();
        for (String p : f.positional) {
            if (p.equals("pod") || p.equals("pods")) {
                continue;
            }
            names.add(p.contains("/") ? p.substring(p.indexOf('/') + 1) : p);
        }
        String sel = f.get("-l", "--selector");
        if (sel != null || f.has("--all")) {
            engine.list(ns, sel == null ? null : parseSelector(sel), null).forEach(p -> names.add(p.metadata().name()));
        }
        if (names.isEmpty()) {
            throw new CliException("no matching resources found");
        }
        int exit = 0;
        for (String n : names) {
            try {
                if (cond.equals("delete")) {
                    if (engine.get(ns, n).isPresent()) {
                        engine.handle(ns, n).awaitDeletion(timeout);
                    }
                } else if (cond.startsWith("condition=")) {
                    String c = cond.substring("condition=".length());
                    String type = c.contains("=") ? c.substring(0, c.indexOf('=')) : c;
                    String value = c.contains("=") ? c.substring(c.indexOf('=') + 1) : "True";
                    engine.handle(ns, n).await(p -> p.status().conditions().stream()
                            .anyMatch(x -> x.type().equalsIgnoreCase(type) && x.status().equalsIgnoreCase(value)), "meet " + c, timeout);
                } else if (cond.startsWith("jsonpath={.status.phase}=")) {
                    String phase = cond.substring("jsonpath={.status.phase}=".length());
                    engine.handle(ns, n).awaitPhase(phase, timeout);
                } else {
                    throw new CliException("unrecognized condition: \"" + cond + "\"");
                }
                out.println("pod/" + n + " condition met");
            } catch (PodTimeoutException e) {
                err.println("error: timed out waiting for the condition on pods/" + n);
                exit = 1;
            } catch (NotFoundException e) {
                if (!cond.equals("delete")) {
                    err.println("Error from server (NotFound): pods \"" + n + "\" not found");
                    exit = 1;
                } else {
                    out.println("pod/" + n + " condition met");
                }
            }
        }
        return exit;
    }

    // ---------------------------------------------------------------- run

    private int runPod(List<String> args) {
        Flags f = Flags.parse(args, Set.of("--image", "--port", "-l", "--labels", "--restart", "--env", "--dry-run", "-o",
                "--output", "-n", "--namespace", "--image-pull-policy"), Set.of("--command", "--rm", "-i", "-t", "--stdin", "--tty"), "run");
        if (f.positional.isEmpty()) {
            throw new CliException("NAME is required for run");
        }
        String image = f.get("--image");
        if (image == null) {
            throw new CliException("--image is required");
        }
        Pod pod = runPodSpec(f.positional.get(0), image, f);
        String dry = f.get("--dry-run");
        if (dry != null && !dry.equals("none")) {
            String o = f.get("-o", "--output");
            if ("yaml".equals(o)) {
                out.print(Manifests.toYaml(pod));
            } else if ("json".equals(o)) {
                out.print(Manifests.toJson(pod));
            } else {
                out.println("pod/" + pod.metadata().name() + " created (dry run)");
            }
            return 0;
        }
        PodHandle h = engine.create(pod);
        out.println("pod/" + h.name() + " created");
        return 0;
    }

    /** The pod {@code kubectl run} makes: label run=NAME, one container named NAME, nothing defaulted. */
    static Pod runPodSpec(String name, String image, Flags f) {
        Map<String, String> labels = new LinkedHashMap<>();
        String l = f.get("-l", "--labels");
        if (l != null) {
            for (String kv : l.split(",")) {
                int eq = kv.indexOf('=');
                labels.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        } else {
            labels.put("run", name);
        }
        Container.Builder c = Container.builder().name(name).image(image).resources(ResourceRequirements.builder().build());
        if (f.get("--port") != null) {
            c.ports(List.of(ContainerPort.builder().containerPort(Integer.parseInt(f.get("--port"))).build()));
        }
        for (String e : f.all("--env")) {
            int eq = e.indexOf('=');
            c.addEnv(EnvVar.builder().name(e.substring(0, eq)).value(e.substring(eq + 1)).build());
        }
        if (f.get("--image-pull-policy") != null) {
            c.imagePullPolicy(f.get("--image-pull-policy"));
        }
        if (!f.afterDash.isEmpty()) {
            if (f.has("--command")) {
                c.command(f.afterDash);
            } else {
                c.args(f.afterDash);
            }
        }
        if (f.has("-i", "--stdin")) {
            c.stdin(true);
        }
        if (f.has("-t", "--tty")) {
            c.tty(true);
        }
        String restart = f.get("--restart") == null ? "Always" : f.get("--restart");
        PodSpec spec = PodSpec.builder().containers(List.of(c.build())).restartPolicy(restart).dnsPolicy("ClusterFirst").build();
        ObjectMeta meta = ObjectMeta.builder().name(name).labels(labels).namespace(f.get("-n", "--namespace")).build();
        return new Pod("v1", "Pod", meta, spec, io.pod4j.api.model.PodStatus.builder().build());
    }

    private int version() {
        out.println("Client Version: " + VERSION);
        var v = engine.docker().version();
        out.println("Server Version: " + VERSION + " (Docker Engine " + v.getVersion() + ", API " + v.getApiVersion() + ")");
        return 0;
    }
}
