package io.pod4j.api.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One document of a manifest, read into a tree, with the line and column of every field path so
 * that later problems (type errors, validation) can point at the line the user wrote.
 *
 * @param source where the document came from
 * @param tree the document
 * @param locations field path → {line, column}, 1-based
 * @param line the line the document starts on
 */
record SourceDocument(String source, JsonNode tree, Map<String, int[]> locations, int line) {

    /**
     * @param path a field path, such as {@code spec.containers[0].image}
     * @return the location of the path or of its nearest ancestor that was written
     */
    int[] locate(String path) {
        String p = path;
        while (true) {
            int[] at = locations.get(p);
            if (at != null) {
                return at;
            }
            if (p.isEmpty()) {
                return new int[] {line, 1};
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }
}
