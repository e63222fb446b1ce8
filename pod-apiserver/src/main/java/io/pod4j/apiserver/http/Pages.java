package io.pod4j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * {@code limit} and {@code continue} of a list: the items after the continue token's key, at most
 * {@code limit}, and the token for the rest. The token is opaque to clients, as the API server's
 * (here base64 of the list's resourceVersion and the last key served). Pure.
 */
final class Pages {

    /**
     * One page.
     *
     * @param items the page's items
     * @param continueToken the token for the next page, or null when this is the last
     * @param remaining how many items follow this page
     * @param resourceVersion the list's: that of its first page, which a continue token carries
     */
    record Page<T>(List<T> items, String continueToken, long remaining, String resourceVersion) {
    }

    private Pages() {
    }

    /**
     * @param items every item, sorted by namespace and name (as the store lists)
     * @param limit the page size, or null/0 for all
     * @param continueToken the token of the previous page, or null
     * @param resourceVersion the store's resourceVersion now; a first page's is kept in its token and
     *     answered for every later page, as the API server answers every page with its snapshot's
     * @return the page
     * @throws ApiException 400 for a token this server did not make
     */
    static <T extends HasMetadata> Page<T> page(List<T> items, Long limit, String continueToken, String resourceVersion) {
        int from = 0;
        String listVersion = resourceVersion;
        if (continueToken != null && !continueToken.isEmpty()) {
            JsonNode token = decode(continueToken);
            String after = token.path("start").asText();
            listVersion = token.path("rv").asText(resourceVersion);
            while (from < items.size() && key(items.get(from)).compareTo(after) <= 0) {
                from++;
            }
        }
        int to = limit == null || limit <= 0 ? items.size() : (int) Math.min(items.size(), from + limit);
        List<T> page = items.subList(from, to);
        if (to >= items.size() || page.isEmpty()) {
            return new Page<>(page, null, 0, listVersion);
        }
        String token = Json.MAPPER.createObjectNode().put("v", "meta.k8s.io/v1").put("rv", listVersion)
                .put("start", key(page.get(page.size() - 1))).toString();
        return new Page<>(page, Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8)),
                items.size() - to, listVersion);
    }

    private static JsonNode decode(String token) {
        try {
            JsonNode node = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
            if (node != null && node.path("start").isTextual()) {
                return node;
            }
        } catch (IllegalArgumentException | java.io.IOException e) {
            // falls through to the refusal
        }
        throw new ApiException(HttpStatuses.badRequest("continue key is not valid: " + token));
    }

    /** {@code namespace/name}: the store's key, so keys compare in the order the store lists. */
    private static String key(HasMetadata o) {
        String ns = o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace();
        return ns + "/" + o.getMetadata().getName();
    }
}
