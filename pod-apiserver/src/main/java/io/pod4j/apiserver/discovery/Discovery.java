package io.pod4j.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The discovery documents kubectl and client libraries read before anything else: {@code /api}
 * (APIVersions), {@code /apis} (APIGroupList), {@code /api/v1} (APIResourceList). Pure: JSON trees
 * from {@link ServedResources}.
 */
public final class Discovery {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Discovery() {
    }

    /**
     * @param serverAddress e.g. {@code 127.0.0.1:41234}
     * @return {@code GET /api}
     */
    public static ObjectNode coreVersions(String serverAddress) {
        ObjectNode o = JSON.objectNode().put("kind", "APIVersions");
        o.putArray("versions").add("v1");
        o.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
                .put("serverAddress", serverAddress);
        return o;
    }

    /** @return {@code GET /apis}: the named groups of the served resources (apps, batch), each in its one version */
    public static ObjectNode groups() {
        ObjectNode o = JSON.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = o.putArray("groups");
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        for (ServedResource r : ServedResources.all()) {
            String group = r.type().group();
            if (group.isEmpty() || !seen.add(group)) {
                continue;
            }
            String gv = group + "/" + r.type().version();
            ObjectNode g = groups.addObject().put("name", group);
            g.putArray("versions").addObject().put("groupVersion", gv).put("version", r.type().version());
            g.putObject("preferredVersion").put("groupVersion", gv).put("version", r.type().version());
        }
        return o;
    }

    /**
     * @param group empty for core
     * @param version e.g. {@code v1}
     * @return {@code GET /api/v1} or {@code /apis/GROUP/VERSION}; null when nothing is served there
     */
    public static ObjectNode resources(String group, String version) {
        List<ServedResource> served = ServedResources.inGroupVersion(group, version);
        if (served.isEmpty()) {
            return null;
        }
        ObjectNode o = JSON.objectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode list = o.putArray("resources");
        for (ServedResource r : served) {
            ObjectNode e = list.addObject().put("name", r.type().plural()).put("singularName", r.singular())
                    .put("namespaced", r.type().namespaced()).put("kind", r.type().kind());
            strings(e.putArray("verbs"), r.verbs());
            if (!r.shortNames().isEmpty()) {
                strings(e.putArray("shortNames"), r.shortNames());
            }
            if (!r.categories().isEmpty()) {
                strings(e.putArray("categories"), r.categories());
            }
            for (ServedResource.Subresource s : r.subresources()) {
                ObjectNode sub = list.addObject().put("name", r.type().plural() + "/" + s.name()).put("singularName", "")
                        .put("namespaced", r.type().namespaced()).put("kind", s.kind());
                if ("Scale".equals(s.kind())) {
                    sub.put("group", "autoscaling").put("version", "v1"); // what kubectl scale reads and writes
                }
                strings(sub.putArray("verbs"), s.verbs());
            }
        }
        return o;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
