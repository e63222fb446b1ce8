package io.pod4j.cli.print;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.cli.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value of {@code get -o}: the table ({@code wide} or none), or one of kubectl's generic printers
 * ({@code yaml}, {@code json}, {@code name}, {@code jsonpath=TEMPLATE}, {@code custom-columns=SPEC}),
 * with kubectl's errors for a format it does not know or a template it cannot parse.
 *
 * @param kind table, wide, yaml, json, name, jsonpath or custom-columns
 * @param template the jsonpath template, or null
 * @param columns the custom columns, or an empty list
 * @param headers false for {@code --no-headers}
 */
public record OutputFormat(String kind, JsonPath template, List<Column> columns, boolean headers) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALLOWED = "custom-columns,json,jsonpath,name,wide,yaml";

    /**
     * One column of {@code -o custom-columns}.
     *
     * @param header the column's header
     * @param path the field spec
     */
    public record Column(String header, JsonPath path) {
    }

    /** Copies the columns. */
    public OutputFormat {
        columns = List.copyOf(columns);
    }

    /**
     * @param output the value of {@code -o}, or null
     * @return the format
     * @throws ApiError with kubectl's words when kubectl would refuse it
     */
    public static OutputFormat parse(String output) {
        if (output == null || output.isEmpty()) {
            return new OutputFormat("table", null, List.of(), true);
        }
        int eq = output.indexOf('=');
        String kind = (eq < 0 ? output : output.substring(0, eq)).toLowerCase(Locale.ROOT);
        String value = eq < 0 ? "" : output.substring(eq + 1);
        switch (kind) {
            case "wide", "yaml", "json", "name" -> {
                if (eq < 0) {
                    return new OutputFormat(kind, null, List.of(), true);
                }
            }
            case "jsonpath" -> {
                if (value.isEmpty()) {
                    throw new ApiError(null, "template format specified but no template given");
                }
                try {
                    return new OutputFormat(kind, JsonPath.parse(value), List.of(), true);
                } catch (IllegalArgumentException e) {
                    throw new ApiError(null, "error parsing jsonpath " + value + ", " + e.getMessage());
                }
            }
            case "custom-columns" -> {
                return new OutputFormat(kind, null, columns(value), true);
            }
            default -> {
                // kubectl names every format it knows; this lists the ones pod4j prints.
            }
        }
        throw new ApiError(null, "unable to match a printer suitable for the output format \"" + output
                + "\", allowed formats are: " + ALLOWED);
    }

    private static List<Column> columns(String spec) {
        if (spec.isEmpty()) {
            throw new ApiError(null, "custom-columns format specified but no custom columns given");
        }
        List<Column> out = new ArrayList<>();
        for (String part : spec.split(",", -1)) {
            String[] hp = part.split(":", 2);
            if (hp.length != 2) {
                throw new ApiError(null, "unexpected custom-columns spec: " + part + ", expected <header>:<json-path-expr>");
            }
            try {
                out.add(new Column(hp[0], JsonPath.relaxed(hp[1])));
            } catch (IllegalArgumentException e) {
                throw new ApiError(null, e.getMessage());
            }
        }
        return out;
    }

    /** @return this format without its header line ({@code --no-headers}: tables and custom columns) */
    public OutputFormat withoutHeaders() {
        return new OutputFormat(kind, template, columns, false);
    }

    /** @return true for the printers kubectl calls generic: everything but the table */
    public boolean generic() {
        return !kind.equals("table") && !kind.equals("wide");
    }

    /** @return true for {@code -o wide} */
    public boolean wide() {
        return kind.equals("wide");
    }

    /**
     * @param object one object, or a {@code List} of them ({@code Manifests.list})
     * @param single true when one object was asked for by name (printed as itself, not as a list)
     * @return the text kubectl prints for it
     */
    public String print(KubernetesResource object, boolean single) {
        return switch (kind) {
            case "yaml" -> Manifests.toYaml(tree(object));
            case "json" -> GoJson.indented(tree(object)) + "\n";
            case "name" -> {
                StringBuilder sb = new StringBuilder();
                items(object).forEach(o -> sb.append(o.getKind().toLowerCase(Locale.ROOT)).append('/')
                        .append(o.getMetadata().getName()).append('\n'));
                yield sb.toString();
            }
            case "jsonpath" -> {
                JsonNode tree = tree(object);
                try {
                    yield template.print(tree);
                } catch (IllegalArgumentException e) {
                    throw new ApiError(null, "error executing jsonpath \"" + template.template() + "\": Error executing template: "
                            + e.getMessage() + ". Printing more information for debugging the template:\n\ttemplate was:\n\t\t"
                            + template.template() + "\n");
                }
            }
            case "custom-columns" -> customColumns(items(object));
            default -> throw new IllegalStateException("not a generic format: " + kind);
        };
    }

    private String customColumns(List<HasMetadata> items) {
        Table t = new Table();
        if (headers) {
            t.row(columns.stream().map(Column::header).toList());
        }
        for (HasMetadata o : items) {
            JsonNode tree = tree(o);
            List<String> row = new ArrayList<>();
            for (Column c : columns) {
                List<String> values = new ArrayList<>();
                List<List<JsonNode>> found = c.path().find(tree);
                if (found.isEmpty() || found.get(0).isEmpty()) {
                    values.add("<none>");
                }
                found.forEach(r -> r.forEach(v -> values.add(JsonPath.goValue(v))));
                row.add(String.join(",", values));
            }
            t.row(row);
        }
        return t.render();
    }

    private static List<HasMetadata> items(KubernetesResource object) {
        return object instanceof KubernetesList l ? l.getItems() : List.of((HasMetadata) object);
    }

    /**
     * @param object an object
     * @return its JSON tree, Kubernetes field names
     */
    public static JsonNode tree(KubernetesResource object) {
        try {
            JsonNode tree = JSON.readTree(Manifests.toJson(object));
            // As kubectl without --show-managed-fields: managedFields are noise to a reader.
            withoutManagedFields(tree);
            tree.path("items").forEach(OutputFormat::withoutManagedFields);
            if (object instanceof KubernetesList && tree.path("metadata") instanceof com.fasterxml.jackson.databind.node.ObjectNode meta) {
                // kubectl's List of what it got carries the list's (here: no) resourceVersion.
                meta.put("resourceVersion", "");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON of " + object.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static void withoutManagedFields(JsonNode object) {
        if (object.path("metadata") instanceof com.fasterxml.jackson.databind.node.ObjectNode meta) {
            meta.remove("managedFields");
        }
    }
}
