package io.pod4j.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import org.junit.jupiter.api.Test;

class ModelDescriptionsTest {

    @Test
    void aClassAndItsPropertiesAreDescribedAsFabric8sSourcesDocumentThem() {
        ModelDescriptions.Described container = ModelDescriptions.of(Container.class);

        assertThat(container.type()).isEqualTo("A single application container that you want to run within a pod.");
        assertThat(container.properties().get("env")).isEqualTo(
                "List of environment variables to set in the container. Cannot be updated.");
        assertThat(container.properties()).containsKeys("name", "image", "ports", "livenessProbe");
    }

    @Test
    void paragraphBreaksAndEntitiesBecomeTheTextKubernetesWrote() {
        assertThat(ModelDescriptions.text("\n     * One.<br><p> <br><p> Two &lt;a&gt; &amp; &#42;.\n     "))
                .isEqualTo("One.\n\nTwo <a> & *.");
    }

    @Test
    void onlyJavadocBeforeAPropertyDescribesIt() {
        String source = """
                /**
                 * The kind.
                 */
                @JsonInclude(JsonInclude.Include.NON_NULL)
                @JsonPropertyOrder({
                    "a"
                })
                public class Kind implements KubernetesResource
                {
                    @JsonProperty("a")
                    private String a;
                    /**
                     * No args constructor for use in serialization
                     */
                    public Kind() {
                    }
                    /**
                     * The a.
                     */
                    @JsonProperty("a")
                    public String getA() {
                        return a;
                    }
                }
                """;

        ModelDescriptions.Described d = ModelDescriptions.parse(source);

        assertThat(d.type()).isEqualTo("The kind.");
        assertThat(d.properties()).containsExactly(java.util.Map.entry("a", "The a."));
    }

    @Test
    void theOpenApiDocumentDescribesPodSpecContainers() {
        SchemaGenerator v3 = new SchemaGenerator("#/components/schemas/");
        v3.ref(PodSpec.class);

        var containers = v3.definitions().get("io.k8s.api.core.v1.PodSpec").get("properties").get("containers");
        assertThat(containers.get("description").asText()).startsWith("List of containers belonging to the pod.");
        var securityContext = v3.definitions().get("io.k8s.api.core.v1.PodSpec").get("properties").get("securityContext");
        assertThat(securityContext.get("allOf").get(0).get("$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.api.core.v1.PodSecurityContext");
        assertThat(securityContext.has("description")).isTrue();
    }
}
