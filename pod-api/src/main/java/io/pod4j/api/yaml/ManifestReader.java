package io.pod4j.api.yaml;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.pod4j.api.error.ManifestProblem;
import io.pod4j.api.error.ManifestSyntaxException;
import io.pod4j.api.error.StrictDecodingException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the documents of one source into fabric8 objects as written (no defaults, no validation:
 * that is admission's job), collecting every problem with its location before throwing.
 */
final class ManifestReader {

    private static final Logger LOG = LoggerFactory.getLogger(ManifestReader.class);

    /** The kinds pod4j reads into typed objects (core/v1, apps/v1, batch/v1), each in its one version. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = kinds();

    private final boolean strict;
    private final Consumer<UnsupportedObject> unsupported;

    /**
     * @param strict whether unknown fields are errors
     * @param unsupported receives the documents of kinds pod4j does not run, which are then no
     *     error; null to count them as errors
     */
    ManifestReader(boolean strict, Consumer<UnsupportedObject> unsupported) {
        this.strict = strict;
        this.unsupported = unsupported;
    }

    boolean strict() {
        return strict;
    }

    List<HasMetadata> read(String source, String text) {
        List<SourceDocument> docs = new DocumentReader(source, text).read();
        List<HasMetadata> objects = new ArrayList<>();
        List<ManifestProblem> syntax = new ArrayList<>();
        List<StrictDecodingException.Rejected> rejected = new ArrayList<>();
        for (SourceDocument doc : docs) {
            convert(doc, doc.tree(), "", objects, syntax, rejected);
        }
        if (!syntax.isEmpty()) {
            rejected.forEach(r -> syntax.addAll(r.problems()));
            throw new ManifestSyntaxException(syntax, null);
        }
        if (!rejected.isEmpty()) {
            throw new StrictDecodingException(rejected);
        }
        return List.copyOf(objects);
    }

    private void convert(SourceDocument doc, JsonNode node, String prefix, List<HasMetadata> out,
            List<ManifestProblem> syntax, List<StrictDecodingException.Rejected> rejected) {
        if (!node.isObject()) {
            syntax.add(problem(doc, prefix, "expected an object with apiVersion and kind, found " + describe(node),
                    "a manifest document is a mapping such as \"apiVersion: v1\" / \"kind: Pod\" / ..."));
            return;
        }
        JsonNode kindNode = node.get("kind");
        JsonNode versionNode = node.get("apiVersion");
        if (kindNode == null || !kindNode.isTextual() || kindNode.asText().isEmpty()) {
            syntax.add(problem(doc, prefix, "kind not set", "add \"kind: Pod\" (or ConfigMap, Secret, List)"));
            return;
        }
        String kind = kindNode.asText();
        boolean known = KINDS.containsKey(kind) || kind.equals("List");
        if (!known && unsupported != null && versionNode != null && versionNode.isTextual()
                && !versionNode.asText().isEmpty()) {
            GenericKubernetesResource object;
            try {
                object = Mappers.TREES.treeToValue(node, GenericKubernetesResource.class);
            } catch (IOException | IllegalArgumentException e) {
                syntax.add(problem(doc, prefix, "cannot read " + kind + ": " + e.getMessage(), null));
                return;
            }
            unsupported.accept(new UnsupportedObject(doc.source(), doc.locate(join(prefix, "kind"))[0], object));
            return;
        }
        if (!known) {
            syntax.add(problem(doc, join(prefix, "kind"), "kind " + kind + " is not supported (supported: "
                    + String.join(", ", KINDS.keySet()) + ", List)", null));
            return;
        }
        if (versionNode == null || !versionNode.isTextual() || versionNode.asText().isEmpty()) {
            syntax.add(problem(doc, prefix, "apiVersion not set", "add \"apiVersion: v1\""));
            return;
        }
        String apiVersion = kind.equals("List") ? "v1" : HasMetadata.getApiVersion(KINDS.get(kind));
        if (!apiVersion.equals(versionNode.asText())) {
            syntax.add(problem(doc, join(prefix, "apiVersion"), "no matches for kind \"" + kind + "\" in version \""
                    + versionNode.asText() + "\"", "use \"apiVersion: " + apiVersion + "\""));
            return;
        }
        if (kind.equals("List")) {
            JsonNode items = node.get("items");
            if (items != null && items.isArray()) {
                for (int i = 0; i < items.size(); i++) {
                    convert(doc, items.get(i), join(prefix, "items") + "[" + i + "]", out, syntax, rejected);
                }
            }
            return;
        }
        Class<? extends HasMetadata> type = KINDS.get(kind);
        ObjectNode decoded = ((ObjectNode) node).deepCopy();
        List<SchemaCheck.Unknown> unknown = new ArrayList<>();
        List<SchemaCheck.Invalid> invalidValues = new ArrayList<>();
        SchemaCheck.check(decoded, type, unknown, invalidValues);
        invalidValues.forEach(v -> syntax.add(problem(doc, join(prefix, v.path()), v.message(), null)));
        boolean refused = false;
        if (!unknown.isEmpty()) {
            List<ManifestProblem> problems = unknown.stream()
                    .map(u -> problem(doc, join(prefix, u.path()), "unknown field \"" + u.path() + "\"",
                            Hints.didYouMean(u.name(), u.known())))
                    .toList();
            if (strict) {
                JsonNode meta = node.path("metadata");
                rejected.add(new StrictDecodingException.Rejected(doc.source(), versionNode.asText(), kind,
                        meta.path("namespace").asText(""), meta.path("name").asText(""),
                        unknown.stream().map(SchemaCheck.Unknown::path).toList(), problems));
                refused = true;
            } else {
                problems.forEach(p -> LOG.warn("ignoring {} (lenient mode)", p.toString().replace('\n', ' ')));
            }
            removeAll(decoded, unknown);
        }
        if (!invalidValues.isEmpty()) {
            return;
        }
        HasMetadata object;
        try {
            object = Mappers.READER.treeToValue(decoded, type);
        } catch (JsonMappingException e) {
            syntax.add(typeProblem(doc, prefix, e));
            return;
        } catch (IOException | IllegalArgumentException e) {
            syntax.add(problem(doc, prefix, e.getMessage(), null));
            return;
        }
        if (!refused) {
            out.add(object);
        }
    }

    /** Drops the unknown fields from the tree, as the API server does when not strict. */
    private static void removeAll(ObjectNode copy, List<SchemaCheck.Unknown> unknown) {
        for (SchemaCheck.Unknown u : unknown) {
            String parent = u.path().substring(0, Math.max(0, u.path().length() - u.name().length() - 1));
            JsonNode at = copy;
            for (String step : steps(parent)) {
                at = step.startsWith("[") ? at.path(Integer.parseInt(step.substring(1, step.length() - 1))) : at.path(step);
            }
            if (at instanceof ObjectNode o) {
                o.remove(u.name());
            }
        }
    }

    private static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (c == '.' || c == '[') {
                if (cur.length() > 0) {
                    steps.add(cur.toString());
                }
                cur.setLength(0);
                if (c == '[') {
                    cur.append(c);
                }
            } else {
                cur.append(c);
                if (c == ']') {
                    steps.add(cur.toString());
                    cur.setLength(0);
                }
            }
        }
        if (cur.length() > 0) {
            steps.add(cur.toString());
        }
        return steps;
    }

    private static ManifestProblem typeProblem(SourceDocument doc, String prefix, JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        String field = join(prefix, path.toString());
        String message;
        if (e instanceof InvalidFormatException f) {
            message = "invalid value " + quoted(f.getValue()) + ": expected " + typeName(f.getTargetType());
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            message = "invalid type: expected " + typeName(m.getTargetType());
        } else if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            message = v.getCause().getMessage();
        } else {
            message = e.getOriginalMessage();
        }
        return problem(doc, field, message, null);
    }

    private static String quoted(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String typeName(Class<?> type) {
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string (quote numbers and booleans: \"80\", \"true\")";
        }
        if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.getName().startsWith("io.fabric8.")) {
            return "an object";
        }
        return type.getSimpleName();
    }

    private static String describe(JsonNode node) {
        return node.isArray() ? "a list" : node.isTextual() ? "the string \"" + node.asText() + "\"" : node.getNodeType().toString().toLowerCase();
    }

    private static ManifestProblem problem(SourceDocument doc, String path, String message, String hint) {
        int[] at = doc.locate(path);
        return new ManifestProblem(doc.source(), at[0], at[1], path, message, hint);
    }

    private static String join(String prefix, String path) {
        if (prefix.isEmpty()) {
            return path;
        }
        return path.isEmpty() ? prefix : prefix + "." + path;
    }

    private static Map<String, Class<? extends HasMetadata>> kinds() {
        Map<String, Class<? extends HasMetadata>> kinds = new LinkedHashMap<>();
        kinds.put("Pod", Pod.class);
        kinds.put("ConfigMap", ConfigMap.class);
        kinds.put("Secret", Secret.class);
        kinds.put("Namespace", Namespace.class);
        kinds.put("Node", Node.class);
        kinds.put("Event", Event.class);
        kinds.put("Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class);
        kinds.put("ReplicaSet", io.fabric8.kubernetes.api.model.apps.ReplicaSet.class);
        kinds.put("StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class);
        kinds.put("DaemonSet", io.fabric8.kubernetes.api.model.apps.DaemonSet.class);
        kinds.put("Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class);
        kinds.put("CronJob", io.fabric8.kubernetes.api.model.batch.v1.CronJob.class);
        kinds.put("Service", io.fabric8.kubernetes.api.model.Service.class);
        kinds.put("Endpoints", io.fabric8.kubernetes.api.model.Endpoints.class);
        kinds.put("EndpointSlice", io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice.class);
        kinds.put("PersistentVolumeClaim", io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class);
        kinds.put("PersistentVolume", io.fabric8.kubernetes.api.model.PersistentVolume.class);
        kinds.put("StorageClass", io.fabric8.kubernetes.api.model.storage.StorageClass.class);
        kinds.put("ControllerRevision", io.fabric8.kubernetes.api.model.apps.ControllerRevision.class);
        return java.util.Collections.unmodifiableMap(kinds);
    }
}
