package io.pod4j.apiserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pod4j.api.error.ManifestProblem;
import io.pod4j.api.error.ManifestSyntaxException;
import io.pod4j.api.error.StrictDecodingException;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.apiserver.protobuf.ProtobufDecoder;
import io.pod4j.apiserver.protobuf.ProtobufException;
import io.pod4j.store.ResourceType;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Request bodies as the API server decodes them: JSON or YAML, the kind and apiVersion of the URL
 * filled in where the body leaves them out, and unknown fields handled by {@code fieldValidation}:
 * {@code Strict} refuses them (400, {@code strict decoding error: unknown field "spec.x"}), {@code Warn}
 * (the default) keeps the request and warns, {@code Ignore} drops them silently. Pure but for the
 * pod-api decoder it uses.
 */
final class Bodies {

    /** The media types a create or update body may have. */
    static final String OBJECT_MEDIA_TYPES = "application/json, application/yaml, application/vnd.kubernetes.protobuf";

    private static final ObjectMapper YAML = new YAMLMapper();

    private Bodies() {
    }

    /**
     * @param type the kind the URL names
     * @param body the request body
     * @param contentType the request's Content-Type, or null
     * @param fieldValidation {@code Strict}, {@code Warn}, {@code Ignore}, or null for Warn
     * @param warnings receives the Warning headers' texts
     * @return the object
     * @throws ApiException 415 for another media type, 400 for a body that cannot be decoded
     */
    static <T extends HasMetadata> T decode(ResourceType<T> type, byte[] body, String contentType,
            String fieldValidation, Consumer<String> warnings) {
        String validation = fieldValidation(fieldValidation);
        ObjectNode tree = tree(body, contentType);
        String kind = tree.path("kind").asText("");
        String apiVersion = tree.path("apiVersion").asText("");
        if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
            throw new ApiException(HttpStatuses.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")"));
        }
        if (!kind.isEmpty() && !kind.equals(type.kind())) {
            throw new ApiException(HttpStatuses.badRequest(kind + " in version \"" + type.version()
                    + "\" cannot be handled as a " + type.kind() + ": the kind in the body does not match the URL's ("
                    + type.groupResource() + ")"));
        }
        tree.put("apiVersion", type.apiVersion()).put("kind", type.kind());
        String json = tree.toString();
        try {
            return type.type().cast(single(Manifests.strict().read("request body", json)));
        } catch (StrictDecodingException unknown) {
            if (validation.equals("Strict")) {
                throw new ApiException(HttpStatuses.badRequest(unknown.rejected().get(0).apiServerMessage()));
            }
            if (validation.equals("Warn")) {
                unknown.rejected().get(0).fields().forEach(f -> warnings.accept("unknown field \"" + f + "\""));
            }
            return type.type().cast(single(Manifests.lenient().read("request body", json)));
        } catch (ManifestSyntaxException e) {
            throw new ApiException(HttpStatuses.badRequest(type.kind() + " in version \"" + type.version()
                    + "\" cannot be handled as a " + type.kind() + ": " + messages(e.problems())));
        }
    }

    /**
     * @param body a JSON, YAML or Kubernetes protobuf document
     * @param contentType its media type, or null for JSON
     * @return the document's tree, an object
     */
    static ObjectNode tree(byte[] body, String contentType) {
        String media = media(contentType);
        JsonNode node;
        try {
            node = switch (media) {
                case "", "application/json" -> Json.MAPPER.readTree(body);
                case "application/yaml" -> YAML.readTree(body);
                case ProtobufDecoder.MEDIA_TYPE -> protobuf(body);
                default -> throw new ApiException(HttpStatuses.unsupportedMediaType(OBJECT_MEDIA_TYPES));
            };
        } catch (JsonProcessingException e) {
            throw new ApiException(HttpStatuses.badRequest("couldn't get version/kind; json parse error: "
                    + e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw new ApiException(HttpStatuses.badRequest("cannot read the request body: " + e.getMessage()));
        }
        if (node == null || node.isMissingNode()) {
            throw new ApiException(HttpStatuses.badRequest("couldn't get version/kind; json parse error: "
                    + "unexpected end of JSON input"));
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ApiException(HttpStatuses.badRequest("couldn't get version/kind; json parse error: "
                    + "json: cannot unmarshal " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + " into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; "
                    + "Kind string \"json:\\\"kind,omitempty\\\"\" }"));
        }
        return object;
    }

    private static JsonNode protobuf(byte[] body) {
        try {
            return ProtobufDecoder.decode(body);
        } catch (ProtobufException e) {
            throw new ApiException(HttpStatuses.badRequest(e.getMessage()));
        }
    }

    /** @return the media type without parameters, lower case; "" when absent */
    static String media(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    }

    static String fieldValidation(String value) {
        if (value == null || value.isEmpty()) {
            return "Warn";
        }
        return switch (value) {
            case "Strict", "Warn", "Ignore" -> value;
            default -> throw new ApiException(HttpStatuses.badRequest("fieldValidation parameter unsupported: "
                    + value + " (supported: Strict, Warn, Ignore)"));
        };
    }

    private static HasMetadata single(List<HasMetadata> objects) {
        if (objects.size() != 1) {
            throw new ApiException(HttpStatuses.badRequest("the request body must be one object, found "
                    + objects.size()));
        }
        return objects.get(0);
    }

    private static String messages(List<ManifestProblem> problems) {
        return problems.stream().map(p -> (p.path() == null || p.path().isEmpty() ? "" : p.path() + ": ") + p.message())
                .collect(Collectors.joining("; "));
    }
}
