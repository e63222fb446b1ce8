package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The installed kubectl with its default {@code --validate=strict}: it reads the OpenAPI v3 document,
 * finds {@code fieldValidation} on the operations and leaves validation to the server; explain walks
 * the published schemas.
 */
class KubectlOpenApiIT {

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension();

    private static final String CONFIG_MAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: %s
            data:
              greeting: hello
            """;

    @Test
    void explainShowsAFieldsTypeAndItsFieldsWithTheRequiredOnes() {
        String out = API.kubectl("explain", "pod.spec.containers.ports").ok().out();
        assertThat(out).contains("KIND:       Pod").contains("VERSION:    v1");
        assertThat(out).contains("FIELD: ports <[]ContainerPort>");
        assertThat(out).containsPattern("containerPort\\s+<integer> -required-");
        assertThat(out).containsPattern("protocol\\s+<string>");
    }

    @Test
    void explainPrintsTheDescriptionsAClusterPrints() {
        String out = API.kubectl("explain", "pod.spec.containers").ok().out();
        // kubectl 1.32's plaintext explain of pod.spec.containers against a 1.32 cluster begins so (80 columns):
        assertThat(out).startsWith("""
                KIND:       Pod
                VERSION:    v1

                FIELD: containers <[]Container>


                DESCRIPTION:
                    List of containers belonging to the pod. Containers cannot currently be
                    added or removed. There must be at least one container in a Pod. Cannot be
                    updated.
                    A single application container that you want to run within a pod.
                """);
        assertThat(out).contains("""
                  env	<[]EnvVar>
                    List of environment variables to set in the container. Cannot be updated.
                """);
    }

    @Test
    void explainNamesQuantitiesAndIntOrStringsAsAClusterDoes() {
        assertThat(API.kubectl("explain", "pod.spec.containers.livenessProbe.httpGet").ok().out())
                .containsPattern("port\\s+<IntOrString> -required-");
        assertThat(API.kubectl("explain", "pod.spec.containers.resources").ok().out())
                .containsPattern("limits\\s+<map\\[string\\]Quantity>");
    }

    @Test
    void explainRefusesAFieldTheKindDoesNotHave() {
        var r = API.kubectl("explain", "pod.spec.nope");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("field \"nope\" does not exist");
    }

    @Test
    void createWithDefaultValidationSucceeds() {
        API.kubectlWithInput(CONFIG_MAP.formatted("created"), "create", "-f", "-").ok();
        assertThat(API.kubectl("get", "configmap", "created", "-o", "jsonpath={.data.greeting}").ok().out())
                .isEqualTo("hello");
    }

    @Test
    void applyWithDefaultValidationCreatesThenConfigures() {
        assertThat(API.kubectlWithInput(CONFIG_MAP.formatted("applied"), "apply", "-f", "-").ok().out())
                .isEqualTo("configmap/applied created\n");
        var changed = CONFIG_MAP.formatted("applied").replace("hello", "bonjour");
        var r = API.kubectlWithInput(changed, "apply", "-f", "-").ok();
        assertThat(r.out()).isEqualTo("configmap/applied configured\n");
        assertThat(r.err()).doesNotContain("warning");
        assertThat(API.kubectl("get", "configmap", "applied", "-o", "jsonpath={.data.greeting}").ok().out())
                .isEqualTo("bonjour");
    }

    @Test
    void createOfAManifestWithAnUnknownFieldIsRefusedByTheServersStrictDecoding() {
        String manifest = CONFIG_MAP.formatted("unknown") + "spec:\n  replicas: 1\n";
        var r = API.kubectlWithInput(manifest, "create", "-f", "-");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("strict decoding error: unknown field \"spec\"");
        assertThat(API.kubectl("get", "configmap", "unknown").exitCode()).isNotZero();
    }

    @Test
    void applyOfAManifestWithAnUnknownFieldIsRefusedByTheServersStrictDecoding() {
        String manifest = CONFIG_MAP.formatted("unknown-apply").replace("  greeting: hello", "  greeting: hello\nreplicas: 3");
        var r = API.kubectlWithInput(manifest, "apply", "-f", "-");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("strict decoding error: unknown field \"replicas\"");
    }

    @Test
    void reapplyWithAnUnknownFieldIsRefusedByTheServersStrictPatchDecoding() {
        API.kubectlWithInput(CONFIG_MAP.formatted("reapplied"), "apply", "-f", "-").ok();
        String manifest = CONFIG_MAP.formatted("reapplied").replace("  greeting: hello", "  greeting: hi\nreplicas: 3");
        var r = API.kubectlWithInput(manifest, "apply", "-f", "-");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("unknown field \"replicas\"");
        assertThat(API.kubectl("get", "configmap", "reapplied", "-o", "jsonpath={.data.greeting}").ok().out())
                .isEqualTo("hello");
    }

    @Test
    void explainFromTheProtobufOpenApiV2PrintsTheKindAsAgainstACluster() {
        var r = API.kubectl("explain", "pods.spec.containers", "--output=plaintext-openapiv2").ok();

        // kubectl's v2 explain layout against a cluster: KIND, VERSION, RESOURCE, DESCRIPTION, FIELDS
        assertThat(r.out()).startsWith("KIND:     Pod\nVERSION:  v1\n\nRESOURCE: containers <[]Object>\n\nDESCRIPTION:\n");
        assertThat(r.out()).contains("\nFIELDS:\n").containsPattern("\n   image\\s+<string>\n")
                .containsPattern("\n   name\\s+<string> -required-\n");
        assertThat(r.err()).isEmpty();
    }
}
