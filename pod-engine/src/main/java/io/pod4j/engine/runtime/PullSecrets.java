package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.pod4j.engine.docker.Keyring;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A pod's {@code imagePullSecrets} as the kubelet reads them before pulling
 * ({@code getPullSecretsForPod}, {@code MakeDockerKeyring}): the Secrets of the pod's namespace of
 * type {@code kubernetes.io/dockerconfigjson} (key {@code .dockerconfigjson}, its {@code auths}) or
 * {@code kubernetes.io/dockercfg} (key {@code .dockercfg}) make a {@link Keyring}; other types
 * are ignored; names that are not found are reported, and the pull goes on without them.
 *
 * @param keyring the credentials of the secrets found
 * @param missing the warning for the secrets not found
 *     ({@code Unable to retrieve some image pull secrets (a, b); attempting to pull the image may not succeed.}),
 *     or null when all were found
 */
record PullSecrets(Keyring keyring, String missing) {

    static final String DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";
    static final String DOCKERCFG = "kubernetes.io/dockercfg";
    /** The reason of the Warning event for secrets not found. */
    static final String FAILED_REASON = "FailedToRetrieveImagePullSecret";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The store's Secrets by namespace and name. */
    interface Lookup {
        Optional<Secret> secret(String namespace, String name);
    }

    /**
     * @param pod the pod
     * @param secrets where Secrets are found
     * @return the pod's pull credentials
     */
    static PullSecrets of(Pod pod, Lookup secrets) {
        String ns = pod.getMetadata().getNamespace();
        List<String> configs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (LocalObjectReference ref : Nulls.orEmpty(pod.getSpec().getImagePullSecrets())) {
            if (ref == null || ref.getName() == null || ref.getName().isEmpty()) {
                continue;
            }
            Optional<Secret> s = secrets.secret(ns, ref.getName());
            if (s.isEmpty()) {
                missing.add(ref.getName());
                continue;
            }
            config(s.get()).ifPresent(configs::add);
        }
        return new PullSecrets(Keyring.of(configs), missing.isEmpty() ? null
                : "Unable to retrieve some image pull secrets (" + String.join(", ", missing)
                        + "); attempting to pull the image may not succeed.");
    }

    /**
     * @return the docker config of a pull secret: the {@code auths} of a dockerconfigjson, a whole
     *     dockercfg; empty for another type, or a value that is not a JSON object (no credentials)
     */
    private static Optional<String> config(Secret s) {
        boolean json = DOCKER_CONFIG_JSON.equals(s.getType());
        if (!json && !DOCKERCFG.equals(s.getType())) {
            return Optional.empty();
        }
        return value(s, json ? ".dockerconfigjson" : ".dockercfg").flatMap(text -> {
            try {
                var root = JSON.readTree(text);
                var config = json ? root.path("auths") : root;
                return config.isObject() ? Optional.of(config.toString()) : Optional.<String>empty();
            } catch (java.io.IOException e) {
                return Optional.empty();
            }
        });
    }

    private static Optional<String> value(Secret s, String key) {
        if (s.getStringData() != null && s.getStringData().get(key) != null) {
            return Optional.of(s.getStringData().get(key));
        }
        String encoded = s.getData() == null ? null : s.getData().get(key);
        if (encoded == null || encoded.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
    }
}
