package io.pod4j.cli.verbs;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.pod4j.api.yaml.UnsupportedObject;
import io.pod4j.cli.ApiError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The {@code -f FILE|DIR|-} of apply, create and delete: read as kubectl reads them. */
public final class ManifestFiles {

    /**
     * What follows kubectl's "resource mapping not found" for a kind pod4j does not run, where
     * kubectl would say to install CRDs: no install would help here.
     */
    public static final String LEFT_OUT = "pod4j runs Pods, with their ConfigMaps and Secrets: this object was left out";

    /**
     * @param u a document of a kind pod4j does not run
     * @return what apply, create and delete say of it: kubectl's sentence, then {@link #LEFT_OUT}
     */
    public static String leftOut(UnsupportedObject u) {
        return u.kubectlMessage() + "\n" + LEFT_OUT;
    }

    private static final YAMLMapper YAML = new YAMLMapper();

    private ManifestFiles() {
    }

    /**
     * @param args the values of {@code -f}
     * @return source name to text, in order (directories: their .yaml, .yml and .json files, sorted)
     */
    static List<Map.Entry<String, String>> read(List<String> args) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        try {
            for (String a : args) {
                if (a.equals("-")) {
                    out.add(Map.entry("STDIN", new String(System.in.readAllBytes(), StandardCharsets.UTF_8)));
                    continue;
                }
                Path p = Path.of(a);
                if (Files.isDirectory(p)) {
                    try (Stream<Path> files = Files.list(p)) {
                        for (Path f : files.filter(Files::isRegularFile)
                                .filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList()) {
                            out.add(Map.entry(f.toString(), Files.readString(f)));
                        }
                    }
                } else if (Files.isRegularFile(p)) {
                    out.add(Map.entry(a, Files.readString(p)));
                } else {
                    throw new io.pod4j.cli.ApiError(null, "the path \"" + a + "\" does not exist");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * An object a manifest names, by what {@code delete -f} needs of it.
     *
     * @param source the file it is in
     * @param line the line its document starts on, 1-based
     * @param object its apiVersion, kind, metadata.namespace and metadata.name, nothing else
     */
    record Reference(String source, int line, GenericKubernetesResource object) {

        String kind() {
            return object.getKind();
        }

        String namespace() {
            return object.getMetadata().getNamespace();
        }

        String name() {
            return object.getMetadata().getName();
        }

        /** @return it as an object of a kind pod4j does not run */
        UnsupportedObject unsupported() {
            return new UnsupportedObject(source, line, object);
        }
    }

    /**
     * What {@code delete -f} reads of a manifest: each object's apiVersion, kind, namespace and name,
     * nothing else, as kubectl needs nothing else to delete (the rest is neither decoded nor
     * checked, so an object pod4j could not run is still found by its name, and nothing is logged).
     *
     * @param source the file name, for messages
     * @param text the manifest: YAML or JSON, one or more documents; a {@code List} is flattened
     * @return the objects, in order
     * @throws ApiError with kubectl's words when the text is not YAML or an object has no kind
     */
    static List<Reference> references(String source, String text) {
        List<Reference> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (docs.hasNextValue()) {
                JsonLocation at = docs.getParser().currentLocation();
                JsonNode doc = docs.nextValue();
                if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
                    continue;
                }
                if ("List".equals(doc.path("kind").asText()) && doc.path("items").isArray()) {
                    doc.path("items").forEach(item -> out.add(reference(source, at.getLineNr(), item)));
                } else {
                    out.add(reference(source, at.getLineNr(), doc));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiError a) {
                throw a;
            }
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new ApiError(null, "error parsing " + source + ": error converting YAML to JSON: " + why);
        }
        return out;
    }

    private static Reference reference(String source, int line, JsonNode doc) {
        String kind = text(doc.path("kind"));
        if (kind == null || kind.isEmpty()) {
            throw new ApiError(null, "unable to decode \"" + source + "\": Object 'Kind' is missing in '" + doc + "'");
        }
        GenericKubernetesResource ref = new GenericKubernetesResourceBuilder().withApiVersion(text(doc.path("apiVersion")))
                .withKind(kind).withNewMetadata().withNamespace(text(doc.path("metadata").path("namespace")))
                .withName(text(doc.path("metadata").path("name"))).endMetadata().build();
        return new Reference(source, line, ref);
    }

    private static String text(JsonNode n) {
        return n.isValueNode() && !n.isNull() ? n.asText() : null;
    }
}
