package io.pod4j.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** @return {@code GET /apis}: the named groups of the served resources, each with its versions */
    public static ObjectNode groups() {
        ObjectNode o = JSON.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = o.putArray("groups");
        versions().forEach((group, vs) -> groups.add(group(group, vs)));
        return o;
    }

    /** @return {@code GET /apis/GROUP}: the APIGroup, or null when no resource of it is served */
    public static ObjectNode group(String name) {
        Set<String> vs = versions().get(name);
        if (vs == null) {
            return null;
        }
        return group(name, vs).put("kind", "APIGroup").put("apiVersion", "v1");
    }

    private static ObjectNode group(String name, Set<String> versions) {
        ObjectNode g = JSON.objectNode().put("name", name);
        ArrayNode list = g.putArray("versions");
        versions.forEach(v -> list.addObject().put("groupVersion", name + "/" + v).put("version", v));
        g.set("preferredVersion", list.get(0).deepCopy());
        return g;
    }

    /** @return the named groups and their versions, in the order of the served resources */
    private static Map<String, Set<String>> versions() {
        Map<String, Set<String>> versions = new LinkedHashMap<>();
        for (ServedResource r : ServedResources.all()) {
            if (!r.type().group().isEmpty()) {
                versions.computeIfAbsent(r.type().group(), g -> new LinkedHashSet<>()).add(r.type().version());
            }
        }
        return versions;
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
