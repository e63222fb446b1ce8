package io.pod4j.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A pod's image pull secrets: dockerconfigjson and dockercfg Secrets of its namespace, missing ones reported. */
class PullSecretsTest {

    private static final String AUTHS = "{\"registry.example.com\": {\"username\": \"u\", \"password\": \"p\"}}";

    private static Pod pod(String... secrets) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName("p").withNamespace("team").endMetadata().withNewSpec()
                .addNewContainer().withName("a").withImage("registry.example.com/app:1").endContainer().endSpec();
        for (String s : secrets) {
            b.editSpec().addNewImagePullSecret(s).endSpec();
        }
        return b.build();
    }

    private static Secret secret(String name, String type, String key, String value) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace("team").endMetadata().withType(type)
                .addToData(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))).build();
    }

    private static PullSecrets.Lookup store(Secret... secrets) {
        return (ns, name) -> java.util.Arrays.stream(secrets)
                .filter(s -> s.getMetadata().getNamespace().equals(ns) && s.getMetadata().getName().equals(name)).findFirst();
    }

    @Test
    void aDockerConfigJsonSecretGivesItsAuths() {
        PullSecrets s = PullSecrets.of(pod("reg"), store(secret("reg", PullSecrets.DOCKER_CONFIG_JSON, ".dockerconfigjson",
                "{\"auths\": " + AUTHS + "}")));

        assertThat(s.missing()).isNull();
        assertThat(s.keyring().lookup("registry.example.com/app:1")).singleElement()
                .satisfies(a -> assertThat(a.getUsername()).isEqualTo("u"));
    }

    @Test
    void aLegacyDockercfgSecretGivesItsEntries() {
        PullSecrets s = PullSecrets.of(pod("old"), store(secret("old", PullSecrets.DOCKERCFG, ".dockercfg", AUTHS)));

        assertThat(s.keyring().lookup("registry.example.com/app:1")).hasSize(1);
    }

    @Test
    void aSecretOfAnotherTypeGivesNothing() {
        PullSecrets s = PullSecrets.of(pod("opaque"), store(secret("opaque", "Opaque", ".dockerconfigjson", "{\"auths\": " + AUTHS + "}")));

        assertThat(s.keyring().lookup("registry.example.com/app:1")).isEmpty();
        assertThat(s.missing()).isNull();
    }

    @Test
    void missingSecretsAreNamedInTheKubeletsWords() {
        PullSecrets s = PullSecrets.of(pod("gone", "reg", "also-gone"), store(secret("reg", PullSecrets.DOCKER_CONFIG_JSON,
                ".dockerconfigjson", "{\"auths\": " + AUTHS + "}")));

        assertThat(s.missing()).isEqualTo("Unable to retrieve some image pull secrets (gone, also-gone);"
                + " attempting to pull the image may not succeed.");
        assertThat(s.keyring().lookup("registry.example.com/app:1")).as("the found ones still count").hasSize(1);
    }

    @Test
    void secretsOfAnotherNamespaceAreNotFound() {
        Secret elsewhere = new SecretBuilder(secret("reg", PullSecrets.DOCKER_CONFIG_JSON, ".dockerconfigjson", "{}"))
                .editMetadata().withNamespace("other").endMetadata().build();

        assertThat(PullSecrets.of(pod("reg"), store(elsewhere)).missing()).contains("(reg)");
    }

    @Test
    void anUnreadableConfigGivesNoCredentials() {
        PullSecrets s = PullSecrets.of(pod("bad"), store(secret("bad", PullSecrets.DOCKER_CONFIG_JSON, ".dockerconfigjson", "not json")));

        assertThat(s.keyring().lookup("registry.example.com/app:1")).isEmpty();
        assertThat(Optional.ofNullable(s.missing())).isEmpty();
    }
}
