package io.pod4j.apiserver.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.apiserver.discovery.ServedResource;
import io.pod4j.apiserver.discovery.ServedResources;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI documents of the served resources, as the API server publishes them:
 * {@code /openapi/v3} (an index of group/versions, each with a hash of its document),
 * {@code /openapi/v3/api/v1} (paths, operations with the {@code fieldValidation} parameter, and
 * schemas with the kinds and their strategic-merge keys) and {@code /openapi/v2}. Each document is
 * built on first request from fabric8's model classes, then kept: a server that is never asked
 * pays nothing.
 */
public final class OpenApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<ServedResource>> groupVersions = new LinkedHashMap<>();
    private final List<ServedResource> resources;
    private final String version;
    private final Map<String, byte[]> built = new HashMap<>();

    /** @return the documents of {@link ServedResources#all()} on a v1.32.0 server */
    public OpenApi() {
        this(ServedResources.all(), "v1.32.0");
    }

    /**
     * @param resources the resources served
     * @param version the server's version, e.g. {@code v1.32.0}
     */
    public OpenApi(List<ServedResource> resources, String version) {
        this.resources = List.copyOf(resources);
        this.version = version;
        for (ServedResource r : resources) {
            String gv = r.type().group().isEmpty() ? "api/" + r.type().version()
                    : "apis/" + r.type().group() + "/" + r.type().version();
            groupVersions.computeIfAbsent(gv, k -> new ArrayList<>()).add(r);
        }
    }

    /**
     * @param path the path after {@code /openapi/}: {@code v2}, {@code v3} or {@code v3/api/v1}
     * @return the document's JSON, or empty when there is none at that path (404)
     */
    public synchronized Optional<byte[]> document(String path) {
        if (path.equals("v2")) {
            return Optional.of(built.computeIfAbsent(path, p -> bytes(Documents.v2(resources, version))));
        }
        if (path.equals("v3")) {
            byte[] index = built.get(path);
            if (index == null) {
                index = bytes(index()); // builds the group/versions' documents first, for their hashes
                built.put(path, index);
            }
            return Optional.of(index);
        }
        if (path.startsWith("v3/") && groupVersions.containsKey(path.substring(3))) {
            return Optional.of(groupVersion(path.substring(3)));
        }
        return Optional.empty();
    }

    private byte[] groupVersion(String gv) {
        byte[] doc = built.get("v3/" + gv);
        if (doc == null) {
            doc = bytes(Documents.v3(groupVersions.get(gv), version));
            built.put("v3/" + gv, doc);
        }
        return doc;
    }

    /** As the API server's index: each group/version with a URL that changes when its document does. */
    private ObjectNode index() {
        ObjectNode index = JSON.createObjectNode();
        ObjectNode paths = index.putObject("paths");
        for (String gv : groupVersions.keySet()) {
            paths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + hash(groupVersion(gv)));
        }
        return index;
    }

    private static String hash(byte[] document) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(document));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-512", e);
        }
    }

    private static byte[] bytes(ObjectNode document) {
        try {
            return JSON.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
