package io.pod4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.pod4j.api.yaml.Manifests;
import org.junit.jupiter.api.Test;

class ObjectRulesTest {

    private static HasMetadata load(String yaml) {
        return Manifests.load(yaml).get(0);
    }

    @Test
    void defaultsTheNamespaceOfNamespacedKindsAndTheTypeOfSecrets() {
        Secret secret = ObjectRules.defaults((Secret) load("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n"));
        Namespace ns = ObjectRules.defaults((Namespace) load("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n"));

        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(secret.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(ns.getMetadata().getNamespace()).as("cluster-scoped").isNull();
    }

    @Test
    void refusesConfigKeysAndNamesAsTheApiServerDoes() {
        HasMetadata cm = ObjectRules.defaults(load("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n"
                + "data: {\"a b\": x}\n"));

        assertThat(ObjectRules.validate(cm)).extracting(Violation::toString).containsExactly(
                "metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case"
                        + " alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
                        + " (e.g. 'example.com', regex used for validation is"
                        + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "data: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or"
                        + " '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is"
                        + " '[-._a-zA-Z0-9]+')");
    }

    @Test
    void wantsANameOrAGenerateName() {
        assertThat(ObjectRules.validate(new ConfigMap())).containsExactly(
                new Violation("metadata.name", "Required value: name or generateName is required"));
    }

    @Test
    void namesANamespaceAsADnsLabel() {
        assertThat(ObjectRules.validate(load("apiVersion: v1\nkind: Namespace\nmetadata: {name: a.b}\n")))
                .extracting(Violation::path).containsExactly("metadata.name");
    }
}
