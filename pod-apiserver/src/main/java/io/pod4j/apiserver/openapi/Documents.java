package io.pod4j.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Status;
import io.pod4j.apiserver.discovery.ServedResource;
import io.pod4j.store.PatchSchema;
import io.pod4j.store.ResourceType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the OpenAPI documents of served resources: v3 for one group/version (what kubectl reads to
 * know that the server validates fields itself, to compute strategic-merge patches and to explain
 * fields), and v2 for all of them. Pure.
 */
final class Documents {

    static final String V3_REFS = "#/components/schemas/";
    static final String V2_REFS = "#/definitions/";
    private static final String META_V1 = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Documents() {
    }

    /** The definitions and references one document's operations use. */
    private record Schemas(SchemaGenerator generator, Map<ResourceType<?>, String> kinds,
            Map<ResourceType<?>, String> lists, String status, String deleteOptions, String patch) {

        static Schemas of(List<ServedResource> resources, String refPrefix) {
            SchemaGenerator g = new SchemaGenerator(refPrefix);
            Map<ResourceType<?>, String> kinds = new LinkedHashMap<>();
            Map<ResourceType<?>, String> lists = new LinkedHashMap<>();
            for (ServedResource r : resources) {
                ResourceType<?> t = r.type();
                kinds.put(t, g.addKind(t.type(), PatchSchema.rootOf(t), t.group(), t.version(), t.kind()));
                Class<?> list = listClass(t);
                if (list != null) {
                    lists.put(t, g.addKind(list, null, t.group(), t.version(), t.kind() + "List"));
                }
            }
            String status = g.ref(Status.class).get("$ref").asText();
            String deleteOptions = g.ref(DeleteOptions.class).get("$ref").asText();
            g.definitions().put(META_V1 + "Patch", NODES.objectNode().put("type", "object"));
            return new Schemas(g, kinds, lists, status, deleteOptions, refPrefix + META_V1 + "Patch");
        }

        ObjectNode ref(Operation op, String what) {
            String target = switch (what) {
                case "kind" -> refOf(kinds.get(op.type()));
                case "list" -> lists.containsKey(op.type()) ? refOf(lists.get(op.type())) : refOf(kinds.get(op.type()));
                case "status" -> status;
                case "delete" -> deleteOptions;
                case "patch" -> patch;
                default -> throw new IllegalArgumentException(what);
            };
            return NODES.objectNode().put("$ref", target);
        }

        private String refOf(String definition) {
            return (patch.startsWith(V3_REFS) ? V3_REFS : V2_REFS) + definition;
        }
    }

    private static Class<?> listClass(ResourceType<?> t) {
        try {
            return Class.forName(t.type().getName() + "List", false, t.type().getClassLoader());
        } catch (ClassNotFoundException e) {
            return null; // a custom resource: listed as its own kind
        }
    }

    /**
     * @param resources the served resources of one group/version
     * @param version the server's version, e.g. {@code v1.32.0}
     * @return the OpenAPI v3 document of that group/version
     */
    static ObjectNode v3(List<ServedResource> resources, String version) {
        Schemas schemas = Schemas.of(resources, V3_REFS);
        ObjectNode doc = NODES.objectNode().put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", version);
        ObjectNode paths = doc.putObject("paths");
        for (ServedResource r : resources) {
            for (Operation op : Operation.of(r)) {
                ObjectNode path = paths.has(op.path()) ? (ObjectNode) paths.get(op.path()) : v3Path(paths, op);
                path.set(op.method(), v3Operation(op, schemas));
            }
        }
        ObjectNode components = doc.putObject("components");
        components.putObject("schemas").setAll(schemas.generator().definitions());
        components.putObject("securitySchemes").putObject("BearerToken").put("type", "apiKey").put("in", "header")
                .put("name", "authorization").put("description", "Bearer Token authentication");
        doc.putArray("security").addObject().putArray("BearerToken");
        return doc;
    }

    private static ObjectNode v3Path(ObjectNode paths, Operation op) {
        ObjectNode path = paths.putObject(op.path());
        ArrayNode params = path.putArray("parameters");
        for (String p : op.pathParameters()) {
            ObjectNode param = params.addObject().put("name", p).put("in", "path")
                    .put("description", Operation.describe(p)).put("required", true);
            param.putObject("schema").put("type", "string").put("uniqueItems", true);
        }
        ObjectNode pretty = params.addObject().put("name", "pretty").put("in", "query")
                .put("description", Operation.describe("pretty"));
        pretty.putObject("schema").put("type", "string").put("uniqueItems", true);
        return path;
    }

    private static ObjectNode v3Operation(Operation op, Schemas schemas) {
        ObjectNode o = NODES.objectNode();
        o.putArray("tags").add(tag(op.type()));
        o.put("operationId", op.operationId());
        ArrayNode params = o.putArray("parameters");
        for (String q : op.query()) {
            ObjectNode param = params.addObject().put("name", q).put("in", "query").put("description", Operation.describe(q));
            param.putObject("schema").put("type", Operation.parameterType(q)).put("uniqueItems", true);
        }
        if (op.body() != null) {
            ObjectNode body = o.putObject("requestBody");
            ObjectNode content = body.putObject("content");
            if (op.body().equals("patch")) {
                Operation.PATCH_TYPES.forEach(t -> content.putObject(t).set("schema", schemas.ref(op, "patch")));
            } else {
                content.putObject("*/*").set("schema", schemas.ref(op, op.body()));
            }
            body.put("required", !op.body().equals("delete"));
        }
        ObjectNode responses = o.putObject("responses");
        for (String code : codes(op)) {
            ObjectNode response = responses.putObject(code).put("description", description(code));
            ObjectNode content = response.putObject("content");
            for (String media : List.of("application/json", "application/yaml")) {
                content.putObject(media).set("schema", schemas.ref(op, op.answer()));
            }
        }
        responses.putObject("401").put("description", "Unauthorized");
        o.put("x-kubernetes-action", op.action());
        o.set("x-kubernetes-group-version-kind", gvk(op.type()));
        return o;
    }

    /**
     * @param resources every served resource
     * @param version the server's version
     * @return the OpenAPI v2 (Swagger 2.0) document of them all
     */
    static ObjectNode v2(List<ServedResource> resources, String version) {
        Schemas schemas = Schemas.of(resources, V2_REFS);
        ObjectNode doc = NODES.objectNode().put("swagger", "2.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", version);
        ObjectNode paths = doc.putObject("paths");
        for (ServedResource r : resources) {
            for (Operation op : Operation.of(r)) {
                ObjectNode path = paths.has(op.path()) ? (ObjectNode) paths.get(op.path()) : v2Path(paths, op);
                path.set(op.method(), v2Operation(op, schemas));
            }
        }
        doc.putObject("definitions").setAll(schemas.generator().definitions());
        doc.putObject("securityDefinitions").putObject("BearerToken").put("type", "apiKey").put("in", "header")
                .put("name", "authorization").put("description", "Bearer Token authentication");
        doc.putArray("security").addObject().putArray("BearerToken");
        return doc;
    }

    private static ObjectNode v2Path(ObjectNode paths, Operation op) {
        ObjectNode path = paths.putObject(op.path());
        ArrayNode params = path.putArray("parameters");
        for (String p : op.pathParameters()) {
            params.addObject().put("name", p).put("in", "path").put("description", Operation.describe(p))
                    .put("required", true).put("type", "string").put("uniqueItems", true);
        }
        params.addObject().put("name", "pretty").put("in", "query").put("description", Operation.describe("pretty"))
                .put("type", "string").put("uniqueItems", true);
        return path;
    }

    private static ObjectNode v2Operation(Operation op, Schemas schemas) {
        ObjectNode o = NODES.objectNode();
        ArrayNode consumes = o.putArray("consumes");
        if ("patch".equals(op.body())) {
            Operation.PATCH_TYPES.forEach(consumes::add);
        } else {
            consumes.add("*/*");
        }
        o.putArray("produces").add("application/json").add("application/yaml");
        o.putArray("schemes").add("https");
        o.putArray("tags").add(tag(op.type()));
        o.put("operationId", op.operationId());
        ArrayNode params = o.putArray("parameters");
        if (op.body() != null) {
            params.addObject().put("name", "body").put("in", "body").put("required", !op.body().equals("delete"))
                    .set("schema", schemas.ref(op, op.body()));
        }
        for (String q : op.query()) {
            params.addObject().put("name", q).put("in", "query").put("description", Operation.describe(q))
                    .put("type", Operation.parameterType(q)).put("uniqueItems", true);
        }
        ObjectNode responses = o.putObject("responses");
        for (String code : codes(op)) {
            responses.putObject(code).put("description", description(code)).set("schema", schemas.ref(op, op.answer()));
        }
        responses.putObject("401").put("description", "Unauthorized");
        o.put("x-kubernetes-action", op.action());
        o.set("x-kubernetes-group-version-kind", gvk(op.type()));
        return o;
    }

    private static List<String> codes(Operation op) {
        return switch (op.method()) {
            case "post" -> List.of("200", "201", "202");
            case "put" -> List.of("200", "201");
            case "patch" -> List.of("200", "201");
            case "delete" -> List.of("200", "202");
            default -> List.of("200");
        };
    }

    private static String description(String code) {
        return switch (code) {
            case "201" -> "Created";
            case "202" -> "Accepted";
            default -> "OK";
        };
    }

    private static String tag(ResourceType<?> t) {
        return (t.group().isEmpty() ? "core" : t.group().replace(".k8s.io", "").replace('.', '_')) + "_" + t.version();
    }

    private static ObjectNode gvk(ResourceType<?> t) {
        return NODES.objectNode().put("group", t.group()).put("kind", t.kind()).put("version", t.version());
    }
}
