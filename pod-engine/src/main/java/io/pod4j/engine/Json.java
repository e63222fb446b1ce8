package io.pod4j.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Copies;

/** JSON for the patches the engine sends the store. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * A manifest as {@code kubectl apply} sends it for an object that exists: what the user wrote,
     * without the fields the server owns.
     */
    static Pod applied(Pod manifest) {
        Pod p = Copies.of(manifest);
        p.setStatus(null);
        withoutServerFields(p);
        return p;
    }

    /** As {@link #applied(Pod)}, for any kind: its status is the status subresource's, never sent. */
    static ObjectNode applied(HasMetadata manifest) {
        HasMetadata p = Copies.of(manifest);
        withoutServerFields(p);
        ObjectNode tree = MAPPER.valueToTree(p);
        tree.remove("status");
        return tree;
    }

    private static void withoutServerFields(HasMetadata p) {
        if (p.getMetadata() != null) {
            p.getMetadata().setResourceVersion(null);
            p.getMetadata().setUid(null);
            p.getMetadata().setCreationTimestamp(null);
        }
    }
}
