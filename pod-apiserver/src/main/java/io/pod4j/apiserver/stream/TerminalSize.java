package io.pod4j.apiserver.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * A terminal's size as clients send it on the resize channel: {@code {"Width":80,"Height":24}}.
 *
 * @param width columns
 * @param height rows
 */
record TerminalSize(int width, int height) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param json one resize message
     * @return the size
     * @throws IllegalArgumentException when the message is not such an object
     */
    static TerminalSize parse(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject() || !node.path("Width").canConvertToInt() || !node.path("Height").canConvertToInt()) {
                throw new IllegalArgumentException("a resize message must be {\"Width\":N,\"Height\":N}, got "
                        + new String(json, java.nio.charset.StandardCharsets.UTF_8));
            }
            return new TerminalSize(node.get("Width").asInt(), node.get("Height").asInt());
        } catch (IOException e) {
            throw new IllegalArgumentException("a resize message must be JSON: " + e.getMessage(), e);
        }
    }
}
