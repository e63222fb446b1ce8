package io.pod4j.apiserver.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.pod4j.store.ResourceType;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.Statuses;
import io.pod4j.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code meta.k8s.io} Table the API server answers when a client asks for
 * {@code application/json;as=Table;v=v1;g=meta.k8s.io} (kubectl's {@code get} does): the columns a
 * cluster prints for the kind (wide ones at priority 1) and one row per object, each with its
 * metadata ({@code includeObject=Metadata}, the default), the whole object ({@code Object}) or
 * nothing ({@code None}). A kind without a printer (a custom resource) gets NAME and CREATED AT, as
 * from a cluster.
 */
public final class Tables {

    /** What each row carries besides its cells, as the {@code includeObject} query parameter says. */
    public enum IncludeObject {
        NONE, METADATA, OBJECT;

        /**
         * @param value the query parameter, null or empty for the default
         * @return its meaning
         * @throws IllegalArgumentException in the API server's words when it is none of {@code None},
         *     {@code Metadata}, {@code Object}
         */
        public static IncludeObject parse(String value) {
            if (value == null || value.isEmpty()) {
                return METADATA;
            }
            return switch (value) {
                case "None" -> NONE;
                case "Metadata" -> METADATA;
                case "Object" -> OBJECT;
                default -> throw new IllegalArgumentException("includeObject: Unsupported value: \"" + value
                        + "\": supported values: \"Metadata\", \"None\", \"Object\"");
            };
        }
    }

    /**
     * How to build a Table.
     *
     * @param version {@code v1} or {@code v1beta1}, the version of {@code meta.k8s.io} asked for
     * @param includeObject what each row carries
     * @param noHeaders whether to leave out the column definitions (a watch's later events)
     * @param now the time ages are measured against
     */
    public record Options(String version, IncludeObject includeObject, boolean noHeaders, Instant now) {

        public Options {
            if (!"v1".equals(version) && !"v1beta1".equals(version)) {
                throw new IllegalArgumentException("meta.k8s.io has no Table in version " + version
                        + "; ask for v1 or v1beta1");
            }
            Objects.requireNonNull(includeObject, "includeObject");
            Objects.requireNonNull(now, "now");
        }

        /** @return v1, metadata in each row, headers, ages against the present */
        public static Options defaults() {
            return new Options("v1", IncludeObject.METADATA, false, Instant.now());
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private static final Map<Class<?>, Printer> PRINTERS = Map.of(
            Pod.class, new PodPrinter(),
            Node.class, new NodePrinter(),
            Event.class, new EventPrinter(),
            ConfigMap.class, CorePrinters.CONFIG_MAPS,
            Secret.class, CorePrinters.SECRETS,
            Namespace.class, CorePrinters.NAMESPACES,
            Service.class, CorePrinters.SERVICES,
            ServiceAccount.class, CorePrinters.SERVICE_ACCOUNTS,
            Endpoints.class, CorePrinters.ENDPOINTS,
            PersistentVolumeClaim.class, CorePrinters.PERSISTENT_VOLUME_CLAIMS);

    private Tables() {
    }

    /**
     * The Table of a list.
     *
     * @param type the kind listed
     * @param items its objects, in the list's order
     * @param listMeta the list's resourceVersion, continue token and remaining count, or null
     * @param options version, row contents, time
     * @return the Table as JSON
     */
    public static ObjectNode of(ResourceType<?> type, List<? extends HasMetadata> items, ListMeta listMeta,
            Options options) {
        Printer printer = printer(type);
        ObjectNode table = header(options);
        ObjectNode metadata = table.putObject("metadata");
        if (listMeta != null) {
            putIfSet(metadata, "resourceVersion", listMeta.getResourceVersion());
            putIfSet(metadata, "continue", listMeta.getContinue());
            if (listMeta.getRemainingItemCount() != null) {
                metadata.put("remainingItemCount", listMeta.getRemainingItemCount());
            }
        }
        columns(table, printer, options);
        ArrayNode rows = table.putArray("rows");
        for (HasMetadata item : items) {
            rows.add(row(type, printer, item, options));
        }
        return table;
    }

    /**
     * The Table of one object (a GET of one name, or one watch event).
     *
     * @param type its kind
     * @param object the object
     * @param options version, row contents, time
     * @return the Table as JSON, its resourceVersion the object's
     */
    public static ObjectNode of(ResourceType<?> type, HasMetadata object, Options options) {
        Printer printer = printer(type);
        ObjectNode table = header(options);
        putIfSet(table.putObject("metadata"), "resourceVersion", object.getMetadata().getResourceVersion());
        columns(table, printer, options);
        table.putArray("rows").add(row(type, printer, object, options));
        return table;
    }

    /**
     * The server's Table hook: a {@code meta.k8s.io/v1} Table with ages against the present, its
     * {@code metadata} left for the server to fill.
     *
     * @param type the kind listed
     * @param items its objects, in order
     * @param includeObject the {@code includeObject} query parameter
     * @return the Table as JSON
     * @throws StoreException BadRequest when includeObject is none of None, Metadata, Object
     */
    public static ObjectNode table(ResourceType<?> type, List<? extends HasMetadata> items, String includeObject) {
        IncludeObject include;
        try {
            include = IncludeObject.parse(includeObject);
        } catch (IllegalArgumentException e) {
            throw new StoreException(Statuses.badRequest(e.getMessage()));
        }
        return of(type, items, null, new Options("v1", include, false, Instant.now()));
    }

    private static Printer printer(ResourceType<?> type) {
        Printer p = PRINTERS.get(type.type());
        if (p == null && type.type() == PersistentVolume.class) {
            p = CorePrinters.PERSISTENT_VOLUMES; // Map.of takes ten entries at most
        }
        if (p == null && type.type() == EndpointSlice.class) {
            p = CorePrinters.ENDPOINT_SLICES;
        }
        if (p == null && type.groupResource().equals(ResourceTypes.LEASES.groupResource())) {
            p = CorePrinters.LEASES;
        }
        if (p == null && type.type() == io.fabric8.kubernetes.api.model.storage.StorageClass.class) {
            p = CorePrinters.STORAGE_CLASSES;
        }
        if (p == null && type.type() == io.fabric8.kubernetes.api.model.apps.ControllerRevision.class) {
            p = CorePrinters.CONTROLLER_REVISIONS;
        }
        if (p == null) {
            p = WorkloadPrinters.of(type.type());
        }
        return p == null ? CorePrinters.DEFAULT : p;
    }

    private static ObjectNode header(Options options) {
        ObjectNode table = MAPPER.createObjectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/" + options.version());
        return table;
    }

    private static void columns(ObjectNode table, Printer printer, Options options) {
        ArrayNode columns = table.putArray("columnDefinitions");
        if (options.noHeaders()) {
            return;
        }
        for (Column c : printer.columns()) {
            ObjectNode column = columns.addObject();
            column.put("name", c.name());
            column.put("type", c.type());
            column.put("format", c.format());
            column.put("description", c.description());
            column.put("priority", c.priority());
        }
    }

    private static ObjectNode row(ResourceType<?> type, Printer printer, HasMetadata item, Options options) {
        HasMetadata object = type.type().isInstance(item) ? item : MAPPER.convertValue(item, type.type());
        Printer.Row r = printer.row(object, options.now());
        ObjectNode row = MAPPER.createObjectNode();
        ArrayNode cells = row.putArray("cells");
        for (Object cell : r.cells()) {
            if (cell instanceof Number n) {
                cells.add(n.longValue());
            } else if (cell instanceof Boolean b) {
                cells.add(b);
            } else {
                cells.add(String.valueOf(cell));
            }
        }
        if (!r.conditions().isEmpty()) {
            ArrayNode conditions = row.putArray("conditions");
            for (Map<String, String> c : r.conditions()) {
                ObjectNode condition = conditions.addObject();
                for (String key : List.of("type", "status", "reason", "message")) {
                    condition.put(key, c.get(key));
                }
            }
        }
        switch (options.includeObject()) {
            case OBJECT -> row.set("object", MAPPER.valueToTree(item));
            case METADATA -> {
                ObjectNode partial = row.putObject("object");
                partial.put("kind", "PartialObjectMetadata");
                partial.put("apiVersion", "meta.k8s.io/" + options.version());
                partial.set("metadata", MAPPER.valueToTree(item.getMetadata()));
            }
            case NONE -> {
            }
        }
        return row;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}
