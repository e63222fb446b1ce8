package io.pod4j.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.api.yaml.LazyDeserializers;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The store keeps every object as a JSON tree (as etcd keeps bytes): one shape for every kind,
 * cheap to copy, to compare and to patch. This converts between trees and fabric8 objects; every
 * conversion makes a new object, so nothing a caller holds is shared with the store.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A fabric8 property's deserializer is built when a value of it is first read, not for the
            // whole type graph of the first Pod: a cold JVM's first create paid ~250 ms more without it.
            .registerModule(new LazyDeserializers());

    private Json() {
    }

    static ObjectNode tree(Object object) {
        return MAPPER.valueToTree(object);
    }

    static <T> T object(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new StoreException(Statuses.badRequest("cannot decode " + type.getSimpleName() + ": "
                    + e.getOriginalMessage()));
        }
    }

    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StoreException(Statuses.badRequest("error decoding patch: " + e.getOriginalMessage()));
        }
    }

    static byte[] bytes(JsonNode tree) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }

    /** Equality of JSON values: numbers by value (an int 1 and a long 1 are the same), the rest as Jackson's. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals((x, y) -> x.isNumber() && y.isNumber()
                ? x.decimalValue().compareTo(y.decimalValue()) : x.equals(y) ? 0 : 1, b);
    }

    /** @return the object node at {@code field}, created when missing */
    static ObjectNode obj(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        return n instanceof ObjectNode o ? o : parent.putObject(field);
    }

    /** @return the text at a dotted path, or null */
    static String text(JsonNode root, String dottedPath) {
        JsonNode n = root;
        for (String part : dottedPath.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n == null || n.isNull() ? null : n.isValueNode() ? n.asText() : n.toString();
    }
}
