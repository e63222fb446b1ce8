package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.configMap;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

/** ConfigMaps and Secrets marked {@code immutable: true}, and the Secret's type, in the API server's words. */
class ImmutabilityTest {

    private final ObjectStore store = store();

    private ConfigMap immutableConfigMap() {
        return store.create(new ConfigMapBuilder(configMap("cfg", "k", "v")).withImmutable(true).build());
    }

    @Test
    void immutableConfigMapKeepsItsData() {
        ConfigMap cfg = immutableConfigMap();

        assertRefused(() -> store.update(new ConfigMapBuilder(cfg).addToData("k", "changed").build()), 422, "Invalid",
                "ConfigMap \"cfg\" is invalid: data: Forbidden: field is immutable when `immutable` is set");
    }

    @Test
    void immutableConfigMapStaysImmutable() {
        ConfigMap cfg = immutableConfigMap();

        assertRefused(() -> store.update(new ConfigMapBuilder(cfg).withImmutable(false).build()), 422, "Invalid",
                "ConfigMap \"cfg\" is invalid: immutable: Forbidden: field is immutable when `immutable` is set");
    }

    @Test
    void immutableConfigMapMayStillChangeItsLabels() {
        ConfigMap cfg = immutableConfigMap();

        ConfigMap labelled = store.update(new ConfigMapBuilder(cfg).editMetadata().addToLabels("a", "b").endMetadata().build());

        assertThat(labelled.getMetadata().getLabels()).containsEntry("a", "b");
    }

    @Test
    void mutableConfigMapMayChangeItsData() {
        ConfigMap cfg = store.create(configMap("cfg", "k", "v"));

        assertThat(store.update(new ConfigMapBuilder(cfg).addToData("k", "w").build()).getData()).containsEntry("k", "w");
    }

    @Test
    void configMapKeyMustBeAConfigKey() {
        assertRefused(() -> store.create(configMap("cfg", "a/b", "v")), 422, "Invalid",
                "ConfigMap \"cfg\" is invalid: data: Invalid value: \"a/b\": a valid config key must consist of alphanumeric"
                        + " characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for"
                        + " validation is '[-._a-zA-Z0-9]+')");
    }

    @Test
    void immutableSecretKeepsItsData() {
        Secret s = store.create(new SecretBuilder().withNewMetadata().withName("pw").endMetadata()
                .addToStringData("password", "one").withImmutable(true).build());

        assertRefused(() -> store.update(new SecretBuilder(s).addToStringData("password", "two").build()), 422, "Invalid",
                "Secret \"pw\" is invalid: data: Forbidden: field is immutable when `immutable` is set");
    }

    @Test
    void secretTypeNeverChanges() {
        Secret s = store.create(new SecretBuilder().withNewMetadata().withName("pw").endMetadata().build());

        assertRefused(() -> store.update(new SecretBuilder(s).withType("kubernetes.io/basic-auth").build()), 422, "Invalid",
                "Secret \"pw\" is invalid: type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable");
    }

    @Test
    void secretStringDataIsStoredAsBase64DataAndTheTypeDefaultsToOpaque() {
        Secret s = store.create(new SecretBuilder().withNewMetadata().withName("pw").endMetadata()
                .addToStringData("password", "hunter2").build());

        assertThat(s.getData()).containsEntry("password", "aHVudGVyMg==");
        assertThat(s.getStringData()).isNullOrEmpty();
        assertThat(s.getType()).isEqualTo("Opaque");
    }
}
