package io.pod4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code pods/ephemeralcontainers} subresource as the API server's ephemeral containers
 * strategy: only {@code spec.ephemeralContainers} changes (everything else is kept as stored), new
 * ones get the container defaults, and an update is refused when it removes or changes an existing
 * one, names one twice (or as a container of the pod), sets what an ephemeral container may not
 * have (ports, probes, lifecycle, resources, restartPolicy), or targets a container the pod lacks.
 * A static pod takes none. Pure.
 */
final class EphemeralContainerRules {

    private static final String PATH = "spec.ephemeralContainers";
    private static final String MIRROR = "kubernetes.io/config.mirror";
    /** The Container fields an EphemeralContainer may not set, as {@code validateFieldAllowList} forbids them. */
    private static final List<String> NOT_ALLOWED = List.of("ports", "livenessProbe", "readinessProbe", "startupProbe",
            "lifecycle", "resources", "resizePolicy", "restartPolicy");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private EphemeralContainerRules() {
    }

    /**
     * @param old the pod as stored
     * @param incoming the pod as sent to the subresource
     * @return the stored pod with the incoming ephemeral containers, new ones defaulted
     */
    static ObjectNode withEphemeralContainersOf(ObjectNode old, ObjectNode incoming) {
        ObjectNode pod = old.deepCopy();
        JsonNode requested = incoming.path("spec").path("ephemeralContainers");
        ObjectNode spec = Json.obj(pod, "spec");
        if (!requested.isArray() || requested.isEmpty()) {
            spec.remove("ephemeralContainers");
            return pod;
        }
        ArrayNode list = spec.putArray("ephemeralContainers");
        for (JsonNode c : requested) {
            // a null entry decodes as an empty container, which validation then refuses
            ObjectNode container = c instanceof ObjectNode o ? o.deepCopy() : Json.MAPPER.createObjectNode();
            defaults(container);
            list.add(container);
        }
        return pod;
    }

    /** The container defaults of {@code SetDefaults_EphemeralContainer}. */
    private static void defaults(ObjectNode c) {
        if (!c.hasNonNull("terminationMessagePath")) {
            c.put("terminationMessagePath", "/dev/termination-log");
        }
        if (!c.hasNonNull("terminationMessagePolicy")) {
            c.put("terminationMessagePolicy", "File");
        }
        if (!c.hasNonNull("imagePullPolicy")) {
            String image = c.path("image").asText("");
            String last = image.substring(image.lastIndexOf('/') + 1);
            boolean latest = !last.contains(":") || last.endsWith(":latest");
            c.put("imagePullPolicy", latest && !image.contains("@") ? "Always" : "IfNotPresent");
        }
    }

    /**
     * @param pod the pod as it would be stored
     * @param old the pod as stored
     * @return what is wrong with its ephemeral containers, in the API server's words
     */
    static List<FieldError> validate(ObjectNode pod, ObjectNode old) {
        if (MetaRules.meta(old).path("annotations").has(MIRROR)) {
            return List.of(FieldError.forbidden("", "static pods do not support ephemeral containers"));
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> containers = new HashSet<>();
        pod.path("spec").path("containers").forEach(c -> containers.add(c.path("name").asText()));
        pod.path("spec").path("initContainers").forEach(c -> containers.add(c.path("name").asText()));
        Set<String> seen = new HashSet<>(containers);
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        JsonNode list = pod.path("spec").path("ephemeralContainers");
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            String at = PATH + "[" + i + "]";
            String name = c.path("name").asText("");
            if (name.isEmpty()) {
                errors.add(FieldError.required(at + ".name", null));
            } else if (!DNS_LABEL.matcher(name).matches() || name.length() > 63) {
                errors.add(FieldError.invalid(at + ".name", name, "a lowercase RFC 1123 label must consist of lower case "
                        + "alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. "
                        + "'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
            } else if (!seen.add(name)) {
                errors.add(FieldError.of(at + ".name", "Duplicate value: \"" + name + "\""));
            }
            byName.put(name, c);
            if (c.path("image").asText("").isEmpty()) {
                errors.add(FieldError.required(at + ".image", null));
            }
            for (String field : NOT_ALLOWED) {
                JsonNode v = c.get(field);
                if (v != null && !v.isNull() && !(v.isContainerNode() && v.isEmpty())) {
                    errors.add(FieldError.forbidden(at + "." + field, "cannot be set for an Ephemeral Container"));
                }
            }
            String target = c.path("targetContainerName").asText("");
            if (!target.isEmpty() && !containers.contains(target)) {
                errors.add(FieldError.of(at + ".targetContainerName", "Not found: \"" + target + "\""));
            }
        }
        for (JsonNode was : old.path("spec").path("ephemeralContainers")) {
            String name = was.path("name").asText();
            JsonNode now = byName.get(name);
            if (now == null) {
                errors.add(FieldError.forbidden(PATH, "existing ephemeral containers \"" + name + "\" may not be removed\n"));
            } else if (!Json.same(was, now)) {
                errors.add(FieldError.forbidden(PATH + "[" + name + "]", "existing ephemeral containers \"" + name
                        + "\" may not be changed\n"));
            }
        }
        return errors;
    }
}
