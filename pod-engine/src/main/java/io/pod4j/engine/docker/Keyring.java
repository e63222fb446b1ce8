package io.pod4j.engine.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.AuthConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registry credentials from image pull secrets, looked up for an image as the kubelet's credential
 * keyring does (pkg/credentialprovider): a key is a registry host, optionally with a path
 * ({@code registry.example.com/team}; a scheme and a {@code /v1/} or {@code /v2/} prefix are
 * dropped; {@code *} globs match one part of a host name); an image matches a key when its host
 * matches part by part, the ports are equal and its path starts with the key's path. The more
 * specific keys come first. Credentials for {@code index.docker.io} also serve Docker Hub's images
 * ({@code nginx}, {@code library/nginx}, {@code docker.io/...}) that no other key matched.
 */
public final class Keyring {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_REGISTRY = "index.docker.io";

    /** Credentials by key, in the order given, each key once. */
    private final Map<String, List<AuthConfig>> byKey;

    private Keyring(Map<String, List<AuthConfig>> byKey) {
        this.byKey = byKey;
    }

    /** @return an empty keyring */
    public static Keyring empty() {
        return new Keyring(Map.of());
    }

    /**
     * @param configs the secrets' docker configs, each the {@code auths} object of a
     *     {@code .dockerconfigjson} or a whole {@code .dockercfg}: registry key → {username, password, auth...}
     * @return the keyring
     * @throws IllegalArgumentException when a config is not JSON
     */
    public static Keyring of(List<String> configs) {
        Map<String, List<AuthConfig>> byKey = new LinkedHashMap<>();
        for (String config : configs) {
            JsonNode root;
            try {
                root = JSON.readTree(config);
            } catch (IOException e) {
                throw new IllegalArgumentException("a docker config is not JSON: " + e.getMessage(), e);
            }
            for (Map.Entry<String, JsonNode> entry : root.properties()) {
                byKey.computeIfAbsent(key(entry.getKey()), k -> new ArrayList<>()).add(auth(entry.getKey(), entry.getValue()));
            }
        }
        return new Keyring(byKey);
    }

    /**
     * @param image an image reference, with or without tag or digest
     * @return the credentials to try, in order; empty to pull without any
     */
    public List<AuthConfig> lookup(String image) {
        String target = normalized(ImageReference.parse(image).repository());
        List<String> keys = new ArrayList<>(byKey.keySet());
        keys.sort(Comparator.reverseOrder()); // as the kubelet's index: longer paths of a host first
        List<AuthConfig> found = new ArrayList<>();
        for (String key : keys) {
            if (matches(key, target)) {
                found.addAll(byKey.get(key));
            }
        }
        if (found.isEmpty() && target.startsWith("docker.io/") && byKey.containsKey(DEFAULT_REGISTRY)) {
            found.addAll(byKey.get(DEFAULT_REGISTRY));
        }
        return List.copyOf(found);
    }

    /** {@code https://index.docker.io/v1/} → {@code index.docker.io}; {@code reg:5000/v2/team} → {@code reg:5000/team}. */
    static String key(String location) {
        String value = location.startsWith("https://") || location.startsWith("http://") ? location : "https://" + location;
        URI uri = URI.create(value);
        String host = uri.getRawAuthority();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.startsWith("/v2/") || path.startsWith("/v1/")) {
            path = path.substring(3);
        }
        return path.isEmpty() || path.equals("/") ? host : host + path;
    }

    /** A repository as the kubelet looks it up: {@code nginx} → {@code docker.io/library/nginx}. */
    static String normalized(String repository) {
        int slash = repository.indexOf('/');
        String first = slash < 0 ? "" : repository.substring(0, slash);
        boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        if (hasRegistry) {
            return repository;
        }
        return "docker.io/" + (slash < 0 ? "library/" + repository : repository);
    }

    /** The kubelet's URLsMatch: host parts globbed one by one, equal ports, the key's path a prefix. */
    static boolean matches(String key, String target) {
        String[] k = splitHostPath(key);
        String[] t = splitHostPath(target);
        String[] kHost = k[0].split(":", 2);
        String[] tHost = t[0].split(":", 2);
        String kPort = kHost.length > 1 ? kHost[1] : "";
        String tPort = tHost.length > 1 ? tHost[1] : "";
        if (!kPort.equals(tPort)) {
            return false;
        }
        String[] kParts = kHost[0].split("\\.");
        String[] tParts = tHost[0].split("\\.");
        if (kParts.length != tParts.length) {
            return false;
        }
        for (int i = 0; i < kParts.length; i++) {
            if (!FileSystems.getDefault().getPathMatcher("glob:" + kParts[i]).matches(java.nio.file.Path.of(tParts[i]))) {
                return false;
            }
        }
        return t[1].startsWith(k[1]);
    }

    private static String[] splitHostPath(String s) {
        int slash = s.indexOf('/');
        return slash < 0 ? new String[] {s, ""} : new String[] {s.substring(0, slash), s.substring(slash)};
    }

    private static AuthConfig auth(String location, JsonNode entry) {
        String username = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        String encoded = entry.path("auth").asText("");
        if (username.isEmpty() && !encoded.isEmpty()) {
            // "auth" is base64 of user:password, as docker login writes it.
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                username = decoded.substring(0, colon);
                password = decoded.substring(colon + 1);
            }
        }
        AuthConfig auth = new AuthConfig().withRegistryAddress(location).withUsername(username).withPassword(password);
        if (entry.hasNonNull("email")) {
            auth.withEmail(entry.get("email").asText());
        }
        if (entry.hasNonNull("identitytoken")) {
            auth.withIdentityToken(entry.get("identitytoken").asText());
        }
        if (entry.hasNonNull("registrytoken")) {
            auth.withRegistrytoken(entry.get("registrytoken").asText());
        }
        return auth;
    }
}
