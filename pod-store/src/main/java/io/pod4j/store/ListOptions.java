package io.pod4j.store;

/**
 * What a list or watch selects, as the API server's query parameters: a namespace (null for all),
 * a label selector and a field selector in kubectl's syntax, and for a watch the resourceVersion
 * to start after (null or "0": the current objects as ADDED events first, then every change).
 *
 * @param namespace the namespace, or null for all namespaces (and for cluster-scoped kinds)
 * @param labelSelector e.g. {@code app=web,tier!=db}; null or empty selects everything
 * @param fieldSelector e.g. {@code status.phase=Running}; null or empty selects everything
 * @param resourceVersion for a watch: the version to start after
 */
public record ListOptions(String namespace, String labelSelector, String fieldSelector, String resourceVersion) {

    /** @return every object in every namespace */
    public static ListOptions all() {
        return new ListOptions(null, null, null, null);
    }

    /** @return every object in one namespace */
    public static ListOptions inNamespace(String namespace) {
        return new ListOptions(namespace, null, null, null);
    }

    public ListOptions withLabelSelector(String selector) {
        return new ListOptions(namespace, selector, fieldSelector, resourceVersion);
    }

    public ListOptions withFieldSelector(String selector) {
        return new ListOptions(namespace, labelSelector, selector, resourceVersion);
    }

    public ListOptions withResourceVersion(String version) {
        return new ListOptions(namespace, labelSelector, fieldSelector, version);
    }
}
