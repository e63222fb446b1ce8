package io.pod4j.api.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.pod4j.api.error.ManifestProblem;
import io.pod4j.api.error.ManifestSyntaxException;
import io.pod4j.api.error.ManifestValidationException;
import io.pod4j.api.model.ConfigMap;
import io.pod4j.api.model.KubeObject;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.Secret;
import io.pod4j.api.validation.NameRules;
import io.pod4j.api.validation.PodDefaults;
import io.pod4j.api.validation.PodValidator;
import io.pod4j.api.validation.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the documents of one source into defaulted, validated objects, collecting every problem
 * with its location before throwing.
 */
final class ManifestReader {

    private static final Logger LOG = LoggerFactory.getLogger(ManifestReader.class);
    private static final List<String> SUPPORTED = List.of("Pod", "ConfigMap", "Secret", "List");

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

    List<KubeObject> read(String source, String text) {
        List<SourceDocument> docs = new DocumentReader(source, text).read();
        List<KubeObject> objects = new ArrayList<>();
        List<ManifestProblem> syntax = new ArrayList<>();
        List<ManifestProblem> invalid = new ArrayList<>();
        for (SourceDocument doc : docs) {
            convert(doc, doc.tree(), "", objects, syntax, invalid);
        }
        if (!syntax.isEmpty()) {
            throw new ManifestSyntaxException(syntax, null);
        }
        if (!invalid.isEmpty()) {
            throw new ManifestValidationException(invalid);
        }
        return List.copyOf(objects);
    }

    private void convert(SourceDocument doc, JsonNode node, String prefix, List<KubeObject> out,
            List<ManifestProblem> syntax, List<ManifestProblem> invalid) {
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
        if (!SUPPORTED.contains(kind) && unsupported != null && versionNode != null && versionNode.isTextual()
                && !versionNode.asText().isEmpty()) {
            JsonNode meta = node.path("metadata");
            unsupported.accept(new UnsupportedObject(doc.source(), doc.locate(join(prefix, "kind"))[0], versionNode.asText(), kind,
                    meta.path("namespace").asText(""), meta.path("name").asText("")));
            return;
        }
        if (!SUPPORTED.contains(kind)) {
            syntax.add(problem(doc, join(prefix, "kind"), "kind " + kind + " is not supported (supported: "
                    + String.join(", ", SUPPORTED) + ")", null));
            return;
        }
        if (versionNode == null || !versionNode.isTextual() || versionNode.asText().isEmpty()) {
            syntax.add(problem(doc, prefix, "apiVersion not set", "add \"apiVersion: v1\""));
            return;
        }
        if (!"v1".equals(versionNode.asText())) {
            syntax.add(problem(doc, join(prefix, "apiVersion"), "no matches for kind \"" + kind + "\" in version \""
                    + versionNode.asText() + "\"", "use \"apiVersion: v1\""));
            return;
        }
        if (kind.equals("List")) {
            JsonNode items = node.get("items");
            if (items != null && items.isArray()) {
                for (int i = 0; i < items.size(); i++) {
                    convert(doc, items.get(i), join(prefix, "items") + "[" + i + "]", out, syntax, invalid);
                }
            }
            return;
        }
        Class<? extends KubeObject> type = switch (kind) {
            case "Pod" -> Pod.class;
            case "ConfigMap" -> ConfigMap.class;
            default -> Secret.class;
        };
        List<ManifestProblem> unknown = new ArrayList<>();
        KubeObject object;
        try {
            object = Mappers.READER.readerFor(type)
                    .withHandler(new UnknownFields(doc, prefix, unknown))
                    .readValue(node);
        } catch (JsonMappingException e) {
            syntax.addAll(unknown);
            syntax.add(typeProblem(doc, prefix, e));
            return;
        } catch (IOException e) {
            syntax.add(problem(doc, prefix, e.getMessage(), null));
            return;
        }
        if (!unknown.isEmpty()) {
            if (strict) {
                syntax.addAll(unknown);
                return;
            }
            unknown.forEach(p -> LOG.warn("ignoring {} (lenient mode)", p.toString().replace('\n', ' ')));
        }
        out.add(validate(doc, prefix, object, invalid));
    }

    private KubeObject validate(SourceDocument doc, String prefix, KubeObject object, List<ManifestProblem> invalid) {
        if (object instanceof Pod pod) {
            Pod defaulted = PodDefaults.apply(pod);
            for (Violation v : PodValidator.validate(defaulted)) {
                invalid.add(problem(doc, join(prefix, v.path()), v.path() + ": " + v.message(), null));
            }
            return defaulted;
        }
        String name = object.metadata().name();
        if (name == null || name.isEmpty()) {
            invalid.add(problem(doc, join(prefix, "metadata.name"), "metadata.name: Required value: name is required", null));
        } else {
            for (String e : NameRules.dns1123Subdomain(name)) {
                invalid.add(problem(doc, join(prefix, "metadata.name"), "metadata.name: Invalid value: \"" + name + "\": " + e, null));
            }
        }
        Map<String, String> keys = object instanceof ConfigMap cm ? cm.data() : ((Secret) object).data();
        for (String key : keys.keySet()) {
            if (!key.matches("[-._a-zA-Z0-9]+") || key.length() > 253) {
                invalid.add(problem(doc, join(prefix, "data"), "data: Invalid value: \"" + key + "\": a valid config key"
                        + " must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME', "
                        + " or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')", null));
            }
        }
        if (object.metadata().namespace() == null) {
            var meta = object.metadata().toBuilder().namespace(PodDefaults.DEFAULT_NAMESPACE).build();
            if (object instanceof ConfigMap cm) {
                return cm.toBuilder().metadata(meta).build();
            }
            return ((Secret) object).toBuilder().metadata(meta).build();
        }
        return object;
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
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
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

    /** Collects every unknown field instead of stopping at the first. */
    private static final class UnknownFields extends DeserializationProblemHandler {
        private final SourceDocument doc;
        private final String prefix;
        private final List<ManifestProblem> found;

        UnknownFields(SourceDocument doc, String prefix, List<ManifestProblem> found) {
            this.doc = doc;
            this.prefix = prefix;
            this.found = found;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                Object beanOrClass, String propertyName) throws IOException {
            String path = join(prefix, pathOf(p.getParsingContext()));
            if (!path.endsWith(propertyName)) {
                path = path.isEmpty() ? propertyName : path + "." + propertyName;
            }
            Collection<Object> known = deserializer.getKnownPropertyNames();
            found.add(problem(doc, path, "unknown field \"" + propertyName + "\"",
                    known == null ? null : Hints.didYouMean(propertyName, known)));
            p.skipChildren();
            return true;
        }

        private static String pathOf(JsonStreamContext context) {
            List<String> parts = new ArrayList<>();
            for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
                if (c.inObject() && c.getCurrentName() != null) {
                    parts.add(0, "." + c.getCurrentName());
                } else if (c.inArray()) {
                    parts.add(0, "[" + c.getCurrentIndex() + "]");
                }
            }
            String joined = String.join("", parts);
            return joined.startsWith(".") ? joined.substring(1) : joined;
        }
    }
}
