package io.pod4j.cli.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.error.NotFoundException;
import io.pod4j.api.error.PodException;
import io.pod4j.api.error.PodTimeoutException;
import io.pod4j.api.selector.FieldSelector;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.api.validation.PodDefaults;
import io.pod4j.cli.ApiError;
import io.pod4j.engine.ExecResult;
import io.pod4j.engine.PodEngine;
import io.pod4j.store.ResourceType;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.PodListener;
import io.pod4j.engine.reaper.Owner;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private final Applies applies;
    private final LabelEdits labelEdits;

    Operations(PodEngine engine) {
        this.engine = engine;
        this.applies = new Applies(engine);
        this.labelEdits = new LabelEdits(engine);
    }

    void handle(JsonNode req, Supervisor.Responder out) throws IOException {
        String op = req.path("op").asText();
        switch (op) {
            case "ping" -> out.result(Wire.JSON.createObjectNode().put("pid", ProcessHandle.current().pid())
                    .put("docker", engine.docker().endpoint()).put("node", engine.nodeName()));
            case "apply" -> out.result(applies.apply(req));
            case "list" -> out.result(list(req));
            case "events" -> out.result(Wire.JSON.valueToTree(engine.events(ns(req), req.path("name").asText())));
            case "delete" -> delete(req, out);
            case "deleteObject" -> out.result(deleteObject(req));
            case "meta" -> out.result(labelEdits.meta(req));
            case "wait" -> out.result(await(req));
            case "nodes" -> out.result(Wire.JSON.valueToTree(List.of(engine.node())));
            case "labelNode" -> out.result(labelEdits.labelNode(req));
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

    static String ns(JsonNode req) {
        return req.hasNonNull("namespace") ? req.get("namespace").asText() : PodDefaults.DEFAULT_NAMESPACE;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    static void error(ObjectNode r, String reason, String message) {
        r.putObject("error").put("reason", reason).put("message", message);
    }
}
