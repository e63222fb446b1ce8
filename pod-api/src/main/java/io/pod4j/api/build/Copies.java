package io.pod4j.api.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.builder.Builder;
import io.fabric8.kubernetes.api.builder.Editable;

/**
 * Deep copies of fabric8 model objects. fabric8's objects are mutable, so whoever keeps an object
 * (a store, an engine) copies it on the way in and hands out copies on the way out; then no
 * caller's change reaches what is kept, and no change to what is kept reaches a caller.
 *
 * <p>A copy {@code equals} its original: unset fields stay unset, an explicitly empty list stays
 * empty, a null list stays null. Quantities inside {@code resources} maps are shared with the
 * original; treat them as values.
 */
public final class Copies {

    private Copies() {
    }

    /**
     * @param <T> a fabric8 model type (a Pod, a Container, a Volume, a GenericKubernetesResource, ...)
     * @param object the object to copy, or null
     * @return a deep copy, or null for null
     */
    @SuppressWarnings("unchecked")
    public static <T> T of(T object) {
        if (object == null) {
            return null;
        }
        if (object instanceof Editable<?> editable && editable.edit() instanceof Builder<?> builder) {
            return (T) builder.build();
        }
        // Types without a builder (GenericKubernetesResource, its free-form maps): through JSON.
        ObjectMapper mapper = Mapper.INSTANCE;
        return (T) mapper.convertValue(mapper.valueToTree(object), object.getClass());
    }

    /** Made on first use: a copy through builders needs no Jackson, and Jackson is ~300 classes to load. */
    private static final class Mapper {
        /** Without defaults or strictness: a copy keeps what the original holds. */
        static final ObjectMapper INSTANCE = JsonMapper.builder().build();
    }
}
