package io.pod4j.api.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Pods;
import org.junit.jupiter.api.Test;

class GoYamlQuotesTest {

    @Test
    void singleQuotesStringsQuotedOnlyForTheirCharactersAsGoDoes() {
        assertThat(GoYamlQuotes.apply("  message: \"containers with unready status: [app]\"\n"))
                .isEqualTo("  message: 'containers with unready status: [app]'\n");
        assertThat(GoYamlQuotes.apply("    - \"*\"\n    - \"it's: here\"\n")).isEqualTo("    - '*'\n    - 'it''s: here'\n");
    }

    @Test
    void keepsDoubleQuotesOnStringsThatWouldReadAsAnotherType() {
        String yaml = "status: \"True\"\nport: \"8080\"\nat: \"2026-11-24T09:52:36Z\"\nempty: \"\"\nratio: \"0.5\"\nflag: \"on\"\n";
        assertThat(GoYamlQuotes.apply(yaml)).isEqualTo(yaml);
    }

    @Test
    void leavesLiteralBlocksAndEscapedStringsAlone() {
        String yaml = "script: |\n  echo \"a: b\"\n  note: \"x: y\"\nnext: \"tab\\there: x\"\n";
        assertThat(GoYamlQuotes.apply(yaml)).isEqualTo(yaml);
    }

    @Test
    void writesPodsWithGoQuotesAndLiteralBlocks() {
        Pod pod = Pods.named("web").annotation("note", "a: b").container("c", c -> c.image("x:1")
                .args(java.util.List.of("echo one\nsleep 1\n"))).build();
        String yaml = Manifests.toYaml(pod);
        assertThat(yaml).contains("    note: 'a: b'\n").contains("  - args:\n    - |\n      echo one\n      sleep 1\n");
        assertThat(Manifests.loadPod(yaml)).isEqualTo(pod);
    }
}
