package io.pod4j.cli.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Pods;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.cli.ApiError;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputFormatTest {

    private static final Pod WEB = Pods.named("web").label("app", "web")
            .container("httpd", c -> c.image("busybox:1")).build();
    private static final Pod DB = Pods.named("db")
            .container("pg", c -> c.image("postgres:16")).container("exporter", c -> c.image("exporter:1")).build();

    @Test
    void printsYamlAndJsonWithoutManagedFieldsAsKubectlDoes() {
        Pod managed = new io.fabric8.kubernetes.api.model.PodBuilder(WEB).editMetadata().addNewManagedField()
                .withManager("kubectl-create").withOperation("Update").endManagedField().endMetadata().build();

        assertThat(OutputFormat.parse("yaml").print(managed, true)).doesNotContain("managedFields").contains("name: web");
        assertThat(OutputFormat.parse("json").print(Manifests.list(List.of(managed)), false)).doesNotContain("managedFields");
    }

    @Test
    void printsJsonpathOfOneNamedPodAgainstThePodItself() {
        assertThat(OutputFormat.parse("jsonpath={.metadata.name}").print(WEB, true)).isEqualTo("web");
    }

    @Test
    void printsJsonpathOfSeveralPodsAgainstAList() {
        assertThat(OutputFormat.parse("jsonpath={.items[*].metadata.name}").print(Manifests.list(List.of(DB, WEB)), false))
                .isEqualTo("db web");
    }

    @Test
    void printsCustomColumnsOneRowPerPodWithNoneForMissingValues() {
        String text = OutputFormat.parse("custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image,APP:.metadata.labels.app")
                .print(Manifests.list(List.of(DB, WEB)), false);
        assertThat(text).isEqualTo("""
                NAME   IMAGE                    APP
                db     postgres:16,exporter:1   <none>
                web    busybox:1                web
                """);
    }

    @Test
    void printsCustomColumnHeadersForAnEmptyList() {
        assertThat(OutputFormat.parse("custom-columns=NAME:.metadata.name").print(Manifests.list(List.of()), false))
                .isEqualTo("NAME\n");
    }

    @Test
    void leavesTheHeaderOutForNoHeaders() {
        assertThat(OutputFormat.parse("custom-columns=NAME:.metadata.name").withoutHeaders().print(Manifests.list(List.of(DB, WEB)), false))
                .isEqualTo("db\nweb\n");
    }

    @Test
    void printsAListAsKubectlDoesWithAnEmptyResourceVersion() {
        assertThat(OutputFormat.parse("yaml").print(Manifests.list(List.of()), false))
                .isEqualTo("apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n");
    }

    @Test
    void printsNamesAsKindSlashName() {
        assertThat(OutputFormat.parse("name").print(Manifests.list(List.of(DB, WEB)), false)).isEqualTo("pod/db\npod/web\n");
    }

    @Test
    void refusesUnknownFormatsAndBadSpecsWithKubectlWords() {
        assertThatThrownBy(() -> OutputFormat.parse("xml")).isInstanceOf(ApiError.class).hasMessage(
                "unable to match a printer suitable for the output format \"xml\", allowed formats are: "
                        + "custom-columns,json,jsonpath,name,wide,yaml");
        assertThatThrownBy(() -> OutputFormat.parse("jsonpath=")).hasMessage("template format specified but no template given");
        assertThatThrownBy(() -> OutputFormat.parse("jsonpath={.a[")).hasMessage("error parsing jsonpath {.a[, unterminated array");
        assertThatThrownBy(() -> OutputFormat.parse("custom-columns=NAME"))
                .hasMessage("unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>");
    }
}
