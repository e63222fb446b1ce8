package io.pod4j.engine.runtime;

import java.util.List;
import java.util.Map;

/**
 * fabric8's lists and maps are empty by default but may be null (a builder or setter given null);
 * the engine reads them through these so that an unset list and an empty one mean the same.
 */
final class Nulls {

    private Nulls() {
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
