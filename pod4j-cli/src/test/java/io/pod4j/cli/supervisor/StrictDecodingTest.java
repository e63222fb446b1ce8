package io.pod4j.cli.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pod4j.api.error.ManifestException;
import io.pod4j.api.yaml.Manifests;
import org.junit.jupiter.api.Test;

class StrictDecodingTest {

    private static final String TYPO = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              annotation:
                app: kind
            spec:
              containers:
              - name: web
                image: busybox:1
            """;

    @Test
    void saysAnUnknownFieldAsTheApiServerDoesUnderStrictValidationThenWhereAndAHint() {
        ManifestException e = catchThrowableOfType(() -> Manifests.strict().read("pod.yaml", TYPO), ManifestException.class);
        assertThat(StrictDecoding.of("pod.yaml", TYPO, e).orElseThrow().kubectlText()).isEqualTo(
                "Error from server (BadRequest): error when creating \"pod.yaml\": Pod in version \"v1\" cannot be handled"
                        + " as a Pod: strict decoding error: unknown field \"metadata.annotation\"\n"
                        + "  at pod.yaml:5:3; hint: did you mean \"annotations\"?");
    }

    @Test
    void saysATabAsKubectlsYamlParserDoesThenWhereAndAHint() {
        String tab = "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: web\n";
        ManifestException e = catchThrowableOfType(() -> Manifests.strict().read("pod.yaml", tab), ManifestException.class);
        assertThat(StrictDecoding.of("pod.yaml", tab, e)).isEmpty();
        assertThat(StrictDecoding.yamlSyntax("pod.yaml", e).orElseThrow().kubectlText()).startsWith("error: error parsing pod.yaml:"
                + " error converting YAML to JSON: yaml: line 4: found character that cannot start any token\n  pod.yaml:4:1: tab");
    }

    @Test
    void leavesValidationProblemsToTheLoadersOwnMessage() {
        String noKind = "apiVersion: v1\nmetadata:\n  name: web\n";
        ManifestException e = catchThrowableOfType(() -> Manifests.strict().read("pod.yaml", noKind), ManifestException.class);
        assertThat(StrictDecoding.of("pod.yaml", noKind, e)).isEmpty();
        assertThat(StrictDecoding.yamlSyntax("pod.yaml", e)).isEmpty();
    }
}
