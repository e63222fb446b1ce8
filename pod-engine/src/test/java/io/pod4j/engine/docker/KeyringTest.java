package io.pod4j.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.AuthConfig;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Credentials picked for an image as the kubelet's credential keyring picks them. */
class KeyringTest {

    private static String entry(String key, String user) {
        return "\"" + key + "\": {\"username\": \"" + user + "\", \"password\": \"pw-" + user + "\"}";
    }

    private static List<String> users(List<AuthConfig> auths) {
        return auths.stream().map(AuthConfig::getUsername).toList();
    }

    @Test
    void matchesTheRegistryHostOfTheImage() {
        Keyring k = Keyring.of(List.of("{" + entry("registry.example.com", "a") + "," + entry("other.example.com", "b") + "}"));

        assertThat(users(k.lookup("registry.example.com/team/app:1.0"))).containsExactly("a");
        assertThat(k.lookup("registry.example.com/team/app:1.0").get(0).getPassword()).isEqualTo("pw-a");
        assertThat(k.lookup("elsewhere.example.com/app:1")).isEmpty();
    }

    @Test
    void dropsTheSchemeAndTheApiVersionOfAKey() {
        Keyring k = Keyring.of(List.of("{" + entry("https://registry.example.com/v2/", "a") + "}"));

        assertThat(users(k.lookup("registry.example.com/app"))).containsExactly("a");
    }

    @Test
    void aKeyWithAPathMatchesOnlyImagesBelowItAndComesFirst() {
        Keyring k = Keyring.of(List.of("{" + entry("registry.example.com", "host") + "," + entry("registry.example.com/team", "team") + "}"));

        assertThat(users(k.lookup("registry.example.com/team/app:1"))).containsExactly("team", "host");
        assertThat(users(k.lookup("registry.example.com/other/app:1"))).containsExactly("host");
    }

    @Test
    void portsMustBeEqual() {
        Keyring k = Keyring.of(List.of("{" + entry("registry.example.com:5000", "a") + "}"));

        assertThat(users(k.lookup("registry.example.com:5000/app"))).containsExactly("a");
        assertThat(k.lookup("registry.example.com/app")).isEmpty();
    }

    @Test
    void aGlobMatchesOnePartOfTheHost() {
        Keyring k = Keyring.of(List.of("{" + entry("*.example.com", "a") + "}"));

        assertThat(users(k.lookup("eu.example.com/app"))).containsExactly("a");
        assertThat(k.lookup("a.eu.example.com/app")).as("one part only").isEmpty();
    }

    @Test
    void dockerHubCredentialsServeShortImageNames() {
        Keyring k = Keyring.of(List.of("{" + entry("https://index.docker.io/v1/", "hub") + "}"));

        assertThat(users(k.lookup("nginx:1.27"))).containsExactly("hub");
        assertThat(users(k.lookup("someone/app"))).containsExactly("hub");
        assertThat(users(k.lookup("docker.io/library/nginx"))).containsExactly("hub");
        assertThat(k.lookup("quay.io/someone/app")).isEmpty();
    }

    @Test
    void readsTheBase64AuthOfDockerLogin() {
        String auth = Base64.getEncoder().encodeToString("robot:s3cret".getBytes());
        Keyring k = Keyring.of(List.of("{\"registry.example.com\": {\"auth\": \"" + auth + "\"}}"));

        AuthConfig found = k.lookup("registry.example.com/app").get(0);
        assertThat(found.getUsername()).isEqualTo("robot");
        assertThat(found.getPassword()).isEqualTo("s3cret");
        assertThat(found.getRegistryAddress()).isEqualTo("registry.example.com");
    }

    @Test
    void theSameKeyInTwoSecretsGivesBothInOrder() {
        Keyring k = Keyring.of(List.of("{" + entry("registry.example.com", "first") + "}",
                "{" + entry("registry.example.com", "second") + "}"));

        assertThat(users(k.lookup("registry.example.com/app"))).containsExactly("first", "second");
    }
}
