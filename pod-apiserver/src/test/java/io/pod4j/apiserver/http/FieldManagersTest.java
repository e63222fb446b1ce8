package io.pod4j.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The manager of a write, as the API server's managerOrUserAgent picks it. */
class FieldManagersTest {

    @Test
    void theFieldManagerParameterWins() {
        assertThat(FieldManagers.manager("deployer", "kubectl-edit/v1.32.0 (linux/amd64) kubernetes/70d3cc9"))
                .isEqualTo("deployer");
    }

    @Test
    void withoutOneTheUserAgentUpToItsFirstSlashNamesTheManager() {
        assertThat(FieldManagers.manager(null, "kubectl-label/v1.32.0 (linux/amd64) kubernetes/70d3cc9"))
                .isEqualTo("kubectl-label");
        assertThat(FieldManagers.manager("", "fabric8-kubernetes-client/7.5.2")).isEqualTo("fabric8-kubernetes-client");
    }

    @Test
    void controlCharactersAreDroppedAndTheNameIsCutAt128() {
        assertThat(FieldManagers.manager(null, "a\tb/1")).isEqualTo("ab");
        assertThat(FieldManagers.manager(null, "x".repeat(200))).hasSize(128);
    }
}
