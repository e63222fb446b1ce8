package io.pod4j.cli.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.pod4j.api.build.Copies;
import io.pod4j.api.error.AlreadyExistsException;
import io.pod4j.api.error.ManifestException;
import io.pod4j.api.error.NotFoundException;
import io.pod4j.api.error.PodException;
import io.pod4j.api.error.PodTimeoutException;
import io.pod4j.api.error.StrictDecodingException;
import io.pod4j.api.selector.FieldSelector;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.api.validation.PodDefaults;
import io.pod4j.api.validation.PodWarnings;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.api.yaml.UnsupportedObject;
import io.pod4j.cli.ApiError;
import io.pod4j.cli.verbs.ManifestFiles;
import io.pod4j.engine.ExecResult;
import io.pod4j.engine.PodEngine;
import io.pod4j.store.ResourceType;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.PodListener;
import io.pod4j.engine.reaper.Owner;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.PatchType;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the supervisor does for each request: the API server's verbs over the one
 * {@link PodEngine}, with the API server's errors (reason + message).
 */
final class Operations {

    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);
    private final PodEngine engine;
    private final ObjectStore store;
    Operations(PodEngine engine) {
        this.engine = engine;
        this.store = engine.store();
    }

    void handle(JsonNode req, Supervisor.Responder out) throws IOException {
        String op = req.path("op").asText();
        switch (op) {
            case "ping" -> out.result(Wire.JSON.createObjectNode().put("pid", ProcessHandle.current().pid())
                    .put("docker", engine.docker().endpoint()).put("node", engine.nodeName()));
            case "apply" -> out.result(apply(req));
            case "list" -> out.result(list(req));
            case "events" -> out.result(Wire.JSON.valueToTree(engine.events(ns(req), req.path("name").asText())));
            case "delete" -> delete(req, out);
            case "deleteObject" -> out.result(deleteObject(req));
            case "meta" -> out.result(meta(req));
            case "wait" -> out.result(await(req));
            case "nodes" -> out.result(Wire.JSON.valueToTree(List.of(engine.node())));
            case "labelNode" -> out.result(labelNode(req));
            case "logs" -> logs(req, out);
            case "exec" -> out.result(exec(req));
            case "endpoint" -> out.result(endpoint(req));
            case "containerId" -> out.result(Wire.JSON.createObjectNode().put("id",
                    handle(req).containerId(req.path("container").asText(), req.path("previous").asBoolean())));
            case "watch" -> watch(req, out);
            default -> throw new ApiError("BadRequest", "unknown operation " + op);
        }
    }

    /** Deletes a ConfigMap or a Secret through the store (its rules: NotFound, finalizers). */
    private JsonNode deleteObject(JsonNode req) {
        ResourceType<?> type = switch (req.path("kind").asText()) {
            case "ConfigMap" -> ResourceTypes.CONFIG_MAPS;
            case "Secret" -> ResourceTypes.SECRETS;
            default -> throw new ApiError("BadRequest", "cannot delete kind " + req.path("kind").asText());
        };
        try {
            engine.store().delete(type, ns(req), req.path("name").asText(), null);
        } catch (StoreException e) {
            throw StoreErrors.of(e);
        }
        return Wire.JSON.createObjectNode().put("name", req.path("name").asText());
    }

    // ------------------------------------------------------------ apply / create

    private JsonNode apply(JsonNode req) {
        boolean create = "create".equals(req.path("mode").asText());
        String source = req.path("source").asText();
        String text = req.path("text").asText();
        List<HasMetadata> loaded;
        List<UnsupportedObject> unsupported = new ArrayList<>();
        List<StrictDecodingException.Rejected> rejected = new ArrayList<>();
        try {
            loaded = Manifests.strict().leavingOut(unsupported::add).read(source, text);
        } catch (StrictDecodingException e) {
            // As the API server, which gets each object on its own: those with unknown fields are
            // refused, the others applied (read again without the strict check, then left out).
            rejected.addAll(e.rejected());
            unsupported.clear();
            loaded = Manifests.lenient().leavingOut(unsupported::add).read(source, text).stream()
                    .filter(o -> rejected.stream().noneMatch(r -> StrictDecoding.refers(r, o))).toList();
        } catch (ManifestException e) {
            throw StrictDecoding.yamlSyntax(source, e)
                    .orElseGet(() -> new ApiError(null, "error validating \"" + source + "\": " + e.getMessage()));
        }
        String defaultNs = req.hasNonNull("namespace") ? req.get("namespace").asText() : PodDefaults.DEFAULT_NAMESPACE;
        boolean explicitNs = req.path("explicitNamespace").asBoolean();
        ArrayNode results = Wire.JSON.createArrayNode();
        for (HasMetadata o : loaded) {
            if (!(o instanceof ConfigMap) && !(o instanceof Secret)) {
                continue;
            }
            String kind = o.getKind().toLowerCase(java.util.Locale.ROOT);
            String name = o.getMetadata() == null ? null : o.getMetadata().getName();
            ObjectNode r = results.addObject().put("kind", kind).put("name", name);
            String ns = namespaceOf(o, defaultNs);
            if (explicitNs && !ns.equals(defaultNs)) {
                error(r, null, ApiError.namespaceMismatch(ns, defaultNs).getMessage());
                continue;
            }
            HasMetadata withNs = Copies.of(o);
            if (withNs.getMetadata() == null) {
                withNs.setMetadata(new ObjectMeta());
            }
            withNs.getMetadata().setNamespace(ns);
            try {
                r.put("action", createOrReplace(withNs, create));
            } catch (StoreException e) {
                refused(r, e, source);
            }
        }
        for (HasMetadata o : loaded) {
            if (o instanceof Pod pod) {
                applyPod(pod, req, create, source, namespaceOf(pod, defaultNs), results.addObject());
            }
        }
        for (StrictDecodingException.Rejected r : rejected) {
            error(results.addObject().put("kind", r.kind().toLowerCase(java.util.Locale.ROOT)).put("name", r.name()),
                    "BadRequest", StrictDecoding.refusal(r));
        }
        for (HasMetadata o : loaded) {
            if (!(o instanceof Pod) && !(o instanceof ConfigMap) && !(o instanceof Secret)) {
                // A Namespace, Node or Event: read by the loader, but not what apply runs here.
                unsupported.add(new UnsupportedObject(source, 0, reference(o)));
            }
        }
        for (UnsupportedObject u : unsupported) {
            // As kubectl with a kind its server does not know: the rest is applied, this one is an error.
            ObjectNode r = results.addObject().put("kind", u.kind().toLowerCase(java.util.Locale.ROOT)).put("name", u.name());
            r.putObject("error").putNull("reason").put("message", ManifestFiles.leftOut(u));
        }
        return results;
    }

    /** Creates the pod, or changes what may change on a running one; the outcome goes to {@code r}. */
    private void applyPod(Pod manifest, JsonNode req, boolean create, String source, String ns, ObjectNode r) {
        String defaultNs = req.hasNonNull("namespace") ? req.get("namespace").asText() : PodDefaults.DEFAULT_NAMESPACE;
        String name = manifest.getMetadata() == null ? null : manifest.getMetadata().getName();
        r.put("kind", "pod").put("name", name);
        if (req.path("explicitNamespace").asBoolean() && !ns.equals(defaultNs)) {
            error(r, null, ApiError.namespaceMismatch(ns, defaultNs).getMessage());
            return;
        }
        Pod pod = Copies.of(manifest);
        if (pod.getMetadata() == null) {
            pod.setMetadata(new ObjectMeta());
        }
        pod.getMetadata().setNamespace(ns);
        try {
            var existing = name == null ? java.util.Optional.<Pod>empty() : engine.get(ns, name);
            if (existing.isPresent()) {
                if (create) {
                    error(r, "AlreadyExists", "error when creating \"" + source + "\": pods \"" + name + "\" already exists");
                    return;
                }
                // As kubectl's patch: the store's Pod update rules decide what may change (images, labels...).
                Pod applied = Copies.of(pod);
                applied.setStatus(null);
                applied.getMetadata().setResourceVersion(null);
                Pod updated = store.patch(ResourceTypes.PODS, ns, name, PatchType.STRATEGIC_MERGE, Wire.JSON.writeValueAsString(applied));
                r.put("action", updated.getMetadata().getResourceVersion().equals(existing.get().getMetadata().getResourceVersion())
                        ? "unchanged" : "configured");
            } else {
                // A pod created for a client process (a kubelet's static pod) is an orphan when it dies.
                Optional<Owner> createdFor = req.hasNonNull("ownerPid") ? Owner.of(req.get("ownerPid").asLong()) : Optional.empty();
                if (req.hasNonNull("ownerPid") && createdFor.isEmpty()) {
                    error(r, "BadRequest", "pod \"" + name + "\" is for process " + req.get("ownerPid").asLong()
                            + ", which is gone; start it from a running process");
                    return;
                }
                PodHandle h = engine.create(pod, createdFor.orElse(null));
                // The API server's Warning headers, which kubectl prints before its result line.
                PodWarnings.of(pod).forEach(r.withArray("warnings")::add);
                r.put("name", h.name());
                r.put("action", "created");
            }
        } catch (StoreException e) {
            refused(r, e, source);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (AlreadyExistsException e) {
            error(r, "AlreadyExists", "error when creating \"" + source + "\": " + e.getMessage());
        } catch (ManifestException e) {
            // The API server's validation: kubectl prints its causes, "field: message".
            error(r, "Invalid", ApiError.invalid("Pod", name, e.problems().stream()
                    .map(x -> x.message().startsWith(x.path()) || x.path().isEmpty() ? x.message() : x.path() + ": " + x.message())
                    .toList()).getMessage());
        }
    }

    /** Creates a ConfigMap or Secret, or replaces it (apply); the store's rules judge both. */
    private String createOrReplace(HasMetadata object, boolean create) {
        var type = store.types().of(object);
        String before;
        try {
            before = store.get(type, object.getMetadata().getNamespace(), object.getMetadata().getName())
                    .getMetadata().getResourceVersion();
        } catch (StoreException notFound) {
            before = null;
        }
        if (before == null || create) {
            store.create(object);
            return "created";
        }
        HasMetadata replacement = Copies.of(object);
        replacement.getMetadata().setResourceVersion(null);
        return store.update(replacement).getMetadata().getResourceVersion().equals(before) ? "unchanged" : "configured";
    }

    /** A refusal of the store, as kubectl prints the API server's Status. */
    private static void refused(ObjectNode r, StoreException e, String source) {
        ApiError a = StoreErrors.of(e);
        error(r, a.reason(), "AlreadyExists".equals(e.reason()) ? "error when creating \"" + source + "\": " + e.getMessage()
                : a.getMessage());
    }

    /**
     * The namespace an object goes to: its own when the manifest names one (even {@code default}),
     * else the request's ({@code -n}, or {@code default}).
     */
    private static String namespaceOf(HasMetadata o, String defaultNs) {
        String ns = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? defaultNs : ns;
    }

    /** An object's apiVersion, kind, namespace and name, as a kind pod4j does not run is named. */
    private static GenericKubernetesResource reference(HasMetadata o) {
        GenericKubernetesResource g = new GenericKubernetesResource();
        g.setApiVersion(o.getApiVersion());
        g.setKind(o.getKind());
        ObjectMeta meta = new ObjectMeta();
        if (o.getMetadata() != null) {
            meta.setName(o.getMetadata().getName());
            meta.setNamespace(o.getMetadata().getNamespace());
        }
        g.setMetadata(meta);
        return g;
    }

    private static Map<String, String> map(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static void error(ObjectNode r, String reason, String message) {
        r.putObject("error").put("reason", reason).put("message", message);
    }

    // ------------------------------------------------------------ read

    private JsonNode list(JsonNode req) {
        String ns = req.path("allNamespaces").asBoolean() ? null : ns(req);
        LabelSelector labels = req.hasNonNull("labelSelector") ? parseLabels(req.get("labelSelector").asText()) : null;
        FieldSelector fields = req.hasNonNull("fieldSelector") ? parseFields(req.get("fieldSelector").asText()) : null;
        List<Pod> pods = engine.list(ns, labels, fields);
        ObjectNode out = Wire.JSON.createObjectNode();
        ArrayNode items = out.putArray("items");
        ArrayNode missing = out.putArray("missing");
        if (req.has("names") && req.get("names").size() > 0) {
            for (JsonNode n : req.get("names")) {
                pods.stream().filter(p -> p.getMetadata().getName().equals(n.asText())).findFirst()
                        .ifPresentOrElse(p -> items.add(Wire.JSON.valueToTree(p)), () -> missing.add(n.asText()));
            }
        } else {
            pods.forEach(p -> items.add(Wire.JSON.valueToTree(p)));
        }
        if (req.path("withEvents").asBoolean()) {
            ObjectNode events = out.putObject("events");
            for (JsonNode p : items) {
                String name = p.path("metadata").path("name").asText();
                events.set(name, Wire.JSON.valueToTree(engine.events(p.path("metadata").path("namespace").asText(), name)));
            }
        }
        return out;
    }

    static LabelSelector parseLabels(String s) {
        try {
            return LabelSelector.parse(s);
        } catch (PodException | IllegalArgumentException e) {
            throw new ApiError(null, e.getMessage());
        }
    }

    static FieldSelector parseFields(String s) {
        try {
            return FieldSelector.parse(s);
        } catch (PodException | IllegalArgumentException e) {
            throw new ApiError("BadRequest", e.getMessage());
        }
    }

    private void watch(JsonNode req, Supervisor.Responder out) throws IOException {
        String ns = req.path("allNamespaces").asBoolean() ? null : ns(req);
        LabelSelector labels = req.hasNonNull("labelSelector") ? parseLabels(req.get("labelSelector").asText()) : null;
        LinkedBlockingQueue<ObjectNode> queue = new LinkedBlockingQueue<>();
        PodListener listener = new PodListener() {
            @Override
            public void podChanged(Pod pod) {
                offer("MODIFIED", pod);
            }

            @Override
            public void podDeleted(Pod pod) {
                offer("DELETED", pod);
            }

            private void offer(String type, Pod pod) {
                if ((ns == null || ns.equals(pod.getMetadata().getNamespace())) && (labels == null || labels.matches(pod))) {
                    ObjectNode n = Wire.JSON.createObjectNode().put("type", type);
                    n.set("object", Wire.JSON.valueToTree(pod));
                    queue.add(n);
                }
            }
        };
        try (AutoCloseable ignored = engine.addListener(listener)) {
            while (true) {
                ObjectNode n = queue.poll(5, TimeUnit.SECONDS);
                out.result(n == null ? Wire.JSON.createObjectNode().put("type", "BOOKMARK") : n);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            // The client stopped watching.
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------ delete

    private void delete(JsonNode req, Supervisor.Responder out) throws IOException {
        String ns = ns(req);
        List<String> names = new ArrayList<>();
        ArrayNode results = Wire.JSON.createArrayNode();
        if (req.path("all").asBoolean() || req.hasNonNull("labelSelector")) {
            LabelSelector sel = req.hasNonNull("labelSelector") ? parseLabels(req.get("labelSelector").asText()) : null;
            engine.list(req.path("allNamespaces").asBoolean() ? null : ns, sel, null)
                    .forEach(p -> names.add(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()));
        } else {
            // "ns/name" (from a manifest's own namespace in delete -f) or a plain name in the request's namespace.
            req.path("names").forEach(n -> names.add(n.asText().contains("/") ? n.asText() : ns + "/" + n.asText()));
        }
        Duration grace = req.hasNonNull("gracePeriodSeconds") ? Duration.ofSeconds(req.get("gracePeriodSeconds").asLong()) : null;
        List<PodHandle> waiting = new ArrayList<>();
        for (String k : names) {
            String[] nsName = k.split("/", 2);
            ObjectNode r = results.addObject().put("kind", "pod").put("name", nsName[1]).put("namespace", nsName[0]);
            Optional<Owner> createdFor = engine.get(nsName[0], nsName[1]).flatMap(PodEngine::createdFor);
            if (createdFor.isPresent() && createdFor.get().pid() != req.path("ownerPid").asLong(-1)
                    && createdFor.get().isAliveHere()) {
                // A static pod's mirror: on a node the kubelet keeps the pod running and posts the mirror
                // again at once, so a user's delete leaves it there; only its kubelet (or the file) ends it.
                r.put("action", "deleted").put("mirror", true);
                continue;
            }
            try {
                PodHandle h = engine.handle(nsName[0], nsName[1]);
                engine.delete(nsName[0], nsName[1], grace);
                waiting.add(h);
                r.put("action", "deleted");
            } catch (NotFoundException e) {
                error(r, "NotFound", "pods \"" + nsName[1] + "\" not found");
            }
        }
        if (req.path("wait").asBoolean(true)) {
            for (PodHandle h : waiting) {
                try {
                    h.awaitDeletion(Duration.ofMinutes(5));
                } catch (PodTimeoutException e) {
                    LOG.warn("{} not gone yet: {}", h, e.getMessage());
                }
            }
        }
        out.result(results);
    }

    // ------------------------------------------------------------ label / annotate

    private JsonNode meta(JsonNode req) {
        boolean labelsKind = "labels".equals(req.path("field").asText());
        String ns = ns(req);
        List<Pod> pods = new ArrayList<>();
        ArrayNode results = Wire.JSON.createArrayNode();
        if (req.path("all").asBoolean() || req.hasNonNull("labelSelector")) {
            pods.addAll(engine.list(ns, req.hasNonNull("labelSelector") ? parseLabels(req.get("labelSelector").asText()) : null, null));
        } else {
            for (JsonNode n : req.path("names")) {
                var p = engine.get(ns, n.asText());
                if (p.isEmpty()) {
                    error(results.addObject().put("name", n.asText()), "NotFound", "pods \"" + n.asText() + "\" not found");
                } else {
                    pods.add(p.get());
                }
            }
        }
        boolean overwrite = req.path("overwrite").asBoolean();
        for (Pod p : pods) {
            ObjectNode r = results.addObject().put("kind", "pod").put("name", p.getMetadata().getName());
            Map<String, String> labels = map(p.getMetadata().getLabels());
            Map<String, String> annotations = map(p.getMetadata().getAnnotations());
            Map<String, String> current = new LinkedHashMap<>(labelsKind ? labels : annotations);
            Map<String, String> before = Map.copyOf(current);
            String conflict = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = req.path("set").fields(); it.hasNext(); ) {
                var e = it.next();
                String old = current.get(e.getKey());
                if (old != null && !overwrite && !old.equals(e.getValue().asText())) {
                    conflict = "'" + e.getKey() + "' already has a value (" + old + "), and --overwrite is false";
                    break;
                }
                current.put(e.getKey(), e.getValue().asText());
            }
            if (conflict != null) {
                error(r, null, conflict);
                continue;
            }
            for (JsonNode k : req.path("remove")) {
                if (current.remove(k.asText()) == null) {
                    r.putArray("notFound").add(k.asText());
                }
            }
            if (current.equals(before)) {
                r.put("action", labelsKind ? "not labeled" : "annotated");
                continue;
            }
            try {
                // The store validates the keys and values, in the API server's words.
                store.patch(ResourceTypes.PODS, p.getMetadata().getNamespace(), p.getMetadata().getName(), PatchType.JSON,
                        "[{\"op\":\"add\",\"path\":\"/metadata/" + (labelsKind ? "labels" : "annotations") + "\",\"value\":"
                                + Wire.JSON.writeValueAsString(current) + "}]");
            } catch (StoreException e) {
                ApiError refused = StoreErrors.of(e);
                error(r, refused.reason(), refused.getMessage());
                continue;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            r.put("action", labelsKind ? labelVerb(before, current, overwrite) : "annotated");
        }
        return results;
    }

    /**
     * kubectl's word for a label change: "unlabeled" when, without --overwrite, the object got
     * shorter (it compares the JSON before and after; only the labels changed here), else "labeled".
     */
    static String labelVerb(Map<String, String> before, Map<String, String> after, boolean overwrite) {
        if (before.equals(after)) {
            return "not labeled";
        }
        int was = before.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length() + 6).sum();
        int is = after.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length() + 6).sum();
        return !overwrite && is < was ? "unlabeled" : "labeled";
    }

    private JsonNode labelNode(JsonNode req) {
        Node node = engine.node();
        ArrayNode results = Wire.JSON.createArrayNode();
        for (JsonNode n : req.path("names")) {
            ObjectNode r = results.addObject().put("kind", "node").put("name", n.asText());
            if (!n.asText().equals(node.getMetadata().getName())) {
                error(r, "NotFound", "nodes \"" + n.asText() + "\" not found");
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>(map(node.getMetadata().getLabels()));
            Map<String, String> before = Map.copyOf(labels);
            String conflict = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = req.path("set").fields(); it.hasNext(); ) {
                var e = it.next();
                String old = labels.get(e.getKey());
                if (old != null && !req.path("overwrite").asBoolean() && !old.equals(e.getValue().asText())) {
                    conflict = "'" + e.getKey() + "' already has a value (" + old + "), and --overwrite is false";
                    break;
                }
                labels.put(e.getKey(), e.getValue().asText());
            }
            if (conflict != null) {
                error(r, null, conflict);
                continue;
            }
            req.path("remove").forEach(k -> labels.remove(k.asText()));
            if (labels.equals(before)) {
                r.put("action", "not labeled");
            } else {
                try {
                    engine.labelNode(labels);
                    r.put("action", labelVerb(before, labels, req.path("overwrite").asBoolean()));
                } catch (ManifestException e) {
                    error(r, "Invalid", ApiError.invalid("Node", n.asText(), e.problems().stream()
                            .map(x -> x.path().isEmpty() ? x.message() : x.path() + ": " + x.message()).toList()).getMessage());
                }
            }
        }
        return results;
    }

    // ------------------------------------------------------------ wait

    private JsonNode await(JsonNode req) {
        String ns = ns(req);
        String name = req.path("name").asText();
        String forWhat = req.path("for").asText();
        Duration timeout = Duration.ofMillis(req.path("timeoutMillis").asLong(30_000));
        try {
            if ("delete".equals(forWhat)) {
                if (engine.get(ns, name).isPresent()) {
                    engine.handle(ns, name).awaitDeletion(timeout);
                }
            } else if (forWhat.startsWith("condition=")) {
                String[] cond = forWhat.substring("condition=".length()).split("=", 2);
                String want = cond.length > 1 ? cond[1] : "True";
                engine.handle(ns, name).await(p -> p.getStatus() != null && list(p.getStatus().getConditions()).stream()
                        .anyMatch(c -> c.getType().equalsIgnoreCase(cond[0]) && want.equalsIgnoreCase(c.getStatus())),
                        "condition " + cond[0], timeout);
            } else if (forWhat.startsWith("jsonpath=")) {
                JsonPathWait want = JsonPathWait.parse(forWhat.substring("jsonpath=".length()));
                engine.handle(ns, name).await(want::matches, "jsonpath " + want, timeout);
            } else {
                throw new ApiError(null, "unrecognized condition: \"" + forWhat + "\"");
            }
        } catch (NotFoundException e) {
            throw new ApiError("NotFound", "pods \"" + name + "\" not found");
        } catch (PodTimeoutException e) {
            throw new ApiError(null, "timed out waiting for the condition on pods/" + name);
        }
        return Wire.JSON.createObjectNode().put("name", name);
    }

    // ------------------------------------------------------------ logs / exec / ports

    private void logs(JsonNode req, Supervisor.Responder out) throws IOException {
        PodHandle h = handle(req);
        String container = req.path("container").asText();
        String id;
        try {
            id = h.containerId(container, req.path("previous").asBoolean());
        } catch (IllegalArgumentException e) {
            throw new ApiError("BadRequest", e.getMessage());
        }
        var cmd = engine.docker().streams().logContainerCmd(id).withStdOut(true).withStdErr(true)
                .withTimestamps(req.path("timestamps").asBoolean())
                .withFollowStream(req.path("follow").asBoolean());
        if (req.hasNonNull("tail")) {
            cmd.withTail(req.get("tail").asInt());
        }
        if (req.hasNonNull("sinceSeconds")) {
            cmd.withSince((int) (System.currentTimeMillis() / 1000 - req.get("sinceSeconds").asLong()));
        }
        IOException[] broken = new IOException[1];
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    out.result(Wire.JSON.createObjectNode().put("data", new String(frame.getPayload(), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    broken[0] = e;
                    try {
                        close();
                    } catch (IOException ignored) {
                        // Closing a stream whose client left.
                    }
                }
            }
        };
        try {
            cmd.exec(callback).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (broken[0] == null) {
            out.result(Wire.JSON.createObjectNode().put("end", true));
        }
    }

    private JsonNode exec(JsonNode req) {
        PodHandle h = handle(req);
        List<String> cmd = new ArrayList<>();
        req.path("command").forEach(c -> cmd.add(c.asText()));
        ExecResult r;
        try {
            r = h.exec(req.path("container").asText(), cmd.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new ApiError("BadRequest", e.getMessage());
        } catch (RuntimeException e) {
            throw new ApiError(null, "Internal error occurred: error executing command in container: " + e.getMessage());
        }
        return Wire.JSON.valueToTree(r);
    }

    private JsonNode endpoint(JsonNode req) {
        PodHandle h = handle(req);
        Pod p = h.pod();
        int port = req.path("port").asInt();
        ObjectNode r = Wire.JSON.createObjectNode();
        r.put("podIP", p.getStatus() == null ? null : p.getStatus().getPodIP());
        r.put("phase", p.getStatus() == null ? null : p.getStatus().getPhase());
        for (var c : p.getSpec().getContainers()) {
            if (list(c.getPorts()).stream().anyMatch(cp -> cp.getContainerPort() != null && cp.getContainerPort() == port)) {
                try {
                    InetSocketAddress a = h.endpoint(c.getName(), port);
                    r.put("host", a.getHostString()).put("port", a.getPort());
                } catch (RuntimeException notYet) {
                    // Not published yet; the client falls back to the pod IP.
                }
                break;
            }
        }
        return r;
    }

    // ------------------------------------------------------------ helpers

    private PodHandle handle(JsonNode req) {
        try {
            return engine.handle(ns(req), req.path("name").asText());
        } catch (NotFoundException e) {
            throw new ApiError("NotFound", "pods \"" + req.path("name").asText() + "\" not found");
        }
    }

    private static String ns(JsonNode req) {
        return req.hasNonNull("namespace") ? req.get("namespace").asText() : PodDefaults.DEFAULT_NAMESPACE;
    }

    private static String key(String ns, String name) {
        return ns + "/" + name;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted"));
        }
    }
}
