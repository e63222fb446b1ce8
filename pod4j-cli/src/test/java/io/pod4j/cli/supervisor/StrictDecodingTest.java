package io.pod4j.cli.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pod4j.api.error.ManifestException;
import io.pod4j.api.error.StrictDecodingException;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.cli.ApiError;
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

    private static String refused(StrictDecodingException.Rejected r) {
        return ApiError.kubectlText("BadRequest", StrictDecoding.refusal(r));
    }

    @Test
    void saysAnUnknownFieldAsTheApiServerDoesUnderStrictValidationThenWhereAndAHint() {
        var e = catchThrowableOfType(() -> Manifests.strict().read("pod.yaml", TYPO), StrictDecodingException.class);
        assertThat(refused(e.rejected().get(0))).isEqualTo(
                "Error from server (BadRequest): error when creating \"pod.yaml\": Pod in version \"v1\" cannot be handled"
                        + " as a Pod: strict decoding error: unknown field \"metadata.annotation\"\n"
                        + "  at pod.yaml:5:3; hint: did you mean \"annotations\"?");
    }

    @Test
    void refusesEachObjectOfAMultiDocumentFileInFlowStyleToo() {
        String two = TYPO + "---\n{apiVersion: v1, kind: ConfigMap, metadata: {name: page}, dta: {a: b}}\n";
        var e = catchThrowableOfType(() -> Manifests.strict().read("two.yaml", two), StrictDecodingException.class);
        assertThat(e.rejected()).hasSize(2);
        assertThat(refused(e.rejected().get(1))).startsWith("Error from server (BadRequest): error when creating \"two.yaml\":"
                + " ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"dta\"\n"
                + "  at two.yaml:12:");
    }

    @Test
    void saysATabAsKubectlsYamlParserDoesThenWhereAndAHint() {
        String tab = "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: web\n";
        ManifestException e = catchThrowableOfType(() -> Manifests.strict().read("pod.yaml", tab), ManifestException.class);
        assertThat(StrictDecoding.yamlSyntax("pod.yaml", e).orElseThrow().kubectlText()).startsWith("error: error parsing pod.yaml:"
                + " error converting YAML to JSON: yaml: line 4: found character that cannot start any token\n  pod.yaml:4:1: tab");
    }

    @Test
    void leavesOtherProblemsToTheLoadersOwnMessage() {
        String noKind = "apiVersion: v1\nmetadata:\n  name: web\n";
        ManifestException e = catchThrowableOfType(() -> Manifests.strict().read("pod.yaml", noKind), ManifestException.class);
        assertThat(e).isNotInstanceOf(StrictDecodingException.class);
        assertThat(StrictDecoding.yamlSyntax("pod.yaml", e)).isEmpty();
    }
}
