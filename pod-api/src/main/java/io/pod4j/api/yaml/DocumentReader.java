package io.pod4j.api.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pod4j.api.error.ManifestProblem;
import io.pod4j.api.error.ManifestSyntaxException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the documents of a YAML or JSON text into trees while noting where each field was
 * written. Syntax errors become {@link ManifestSyntaxException}s that name the line, the column,
 * the enclosing field and what to do.
 */
final class DocumentReader {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final String source;
    private final String text;
    private final List<ManifestProblem> duplicates = new ArrayList<>();

    DocumentReader(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /** @return the non-empty documents of the text, in order */
    List<SourceDocument> read() {
        List<SourceDocument> docs;
        try {
            docs = parse(looksLikeJson() ? JSON : YAML);
        } catch (JsonProcessingException e) {
            throw new ManifestSyntaxException(List.of(SyntaxProblems.describe(source, text, e)), e);
        } catch (IOException e) {
            throw new ManifestSyntaxException(List.of(new ManifestProblem(source, 0, 0, "",
                    "cannot read the manifest: " + e.getMessage(), null)), e);
        }
        if (!duplicates.isEmpty()) {
            throw new ManifestSyntaxException(duplicates, null);
        }
        return docs;
    }

    private List<SourceDocument> parse(JsonFactory factory) throws IOException {
        List<SourceDocument> docs = new ArrayList<>();
        try (JsonParser p = factory.createParser(text)) {
            while (p.nextToken() != null) {
                int line = p.currentTokenLocation().getLineNr();
                Map<String, int[]> locations = new HashMap<>();
                JsonNode tree = readValue(p, "", locations);
                if (!tree.isNull() && !tree.isMissingNode()) {
                    docs.add(new SourceDocument(source, tree, locations, line));
                }
            }
        }
        return docs;
    }

    /**
     * JSON starts with a brace and a quoted key (or an empty object); flow-style YAML starts with a
     * brace too, but its keys are bare ({@code {apiVersion: v1, kind: Pod, ...}}).
     */
    private boolean looksLikeJson() {
        int first = nextNonSpace(0);
        if (first < 0 || text.charAt(first) != '{' && text.charAt(first) != '[') {
            return false;
        }
        int second = nextNonSpace(first + 1);
        return second >= 0 && (text.charAt(first) == '[' || text.charAt(second) == '"' || text.charAt(second) == '}');
    }

    private int nextNonSpace(int from) {
        for (int i = from; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private JsonNode readValue(JsonParser p, String path, Map<String, int[]> locations) throws IOException {
        JsonToken token = p.currentToken();
        locations.putIfAbsent(path, at(p.currentTokenLocation()));
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    int[] where = at(p.currentTokenLocation());
                    if (object.has(name)) {
                        duplicates.add(new ManifestProblem(source, where[0], where[1], child,
                                "duplicate field \"" + name + "\"", "remove one of the two \"" + name + "\" entries"));
                    }
                    locations.put(child, where);
                    p.nextToken();
                    object.set(name, readValue(p, child, locations));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(p, path + "[" + index++ + "]", locations));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return numberNode(p);
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT: {
                // A tagged scalar such as !!binary: Kubernetes manifests have no use for these.
                Object value = p.getEmbeddedObject();
                return value instanceof byte[] bytes ? NODES.binaryNode(bytes) : NODES.textNode(String.valueOf(value));
            }
            default: {
                int[] where = at(p.currentTokenLocation());
                throw new ManifestSyntaxException(List.of(new ManifestProblem(source, where[0], where[1], path,
                        "unexpected YAML content (" + token + ")", null)), null);
            }
        }
    }

    private static JsonNode numberNode(JsonParser p) throws IOException {
        return switch (p.getNumberType()) {
            case INT -> NODES.numberNode(p.getIntValue());
            case LONG -> NODES.numberNode(p.getLongValue());
            case BIG_INTEGER -> NODES.numberNode(p.getBigIntegerValue());
            default -> NODES.numberNode(p.getDecimalValue());
        };
    }

    private static int[] at(JsonLocation location) {
        return new int[] {location.getLineNr(), location.getColumnNr()};
    }
}
