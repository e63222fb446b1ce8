package io.pod4j.api.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.api.yaml.UnsupportedObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CopiesTest {

    @Test
    void copiesDeeplySoThatNoChangeReachesTheOriginal() {
        Pod original = Pods.named("web").label("app", "web")
                .container("c", c -> c.image("a:1").env("A", "1").readinessProbe(Probes.tcpSocket(80))).build();

        Pod copy = Copies.of(original);
        copy.getMetadata().getLabels().put("app", "other");
        copy.getSpec().getContainers().get(0).getEnv().get(0).setValue("2");
        copy.getSpec().getContainers().get(0).getReadinessProbe().setPeriodSeconds(1);

        assertThat(original.getMetadata().getLabels()).containsEntry("app", "web");
        assertThat(original.getSpec().getContainers().get(0).getEnv().get(0).getValue()).isEqualTo("1");
        assertThat(original.getSpec().getContainers().get(0).getReadinessProbe().getPeriodSeconds()).isNull();
    }

    @Test
    void keepsNullListsNullAndEmptyListsEmptySoTheCopyIsEqual() {
        PodSpec spec = new PodSpec();
        spec.setVolumes(null);
        spec.setContainers(new ArrayList<>());
        Pod pod = new Pod("v1", "Pod", null, spec, null);

        Pod copy = Copies.of(pod);

        assertThat(copy).isEqualTo(pod).isNotSameAs(pod);
        assertThat(copy.getSpec().getVolumes()).isNull();
        assertThat(copy.getSpec().getContainers()).isEmpty();
        assertThat(Copies.of((Pod) null)).isNull();
    }

    @Test
    void copiesObjectsOfKindsWithoutABuilder() {
        List<UnsupportedObject> left = new ArrayList<>();
        Manifests.strict().leavingOut(left::add).read("ingress.yaml", "apiVersion: networking.k8s.io/v1\nkind: Ingress\n"
                + "metadata: {name: web}\nspec: {rules: [{host: web.example}]}\n");
        GenericKubernetesResource ingress = left.get(0).object();

        GenericKubernetesResource copy = Copies.of(ingress);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) copy.getAdditionalProperties().get("spec");
        spec.put("ingressClassName", "nginx");

        assertThat(copy.getMetadata().getName()).isEqualTo("web");
        assertThat(ingress.getAdditionalProperties().get("spec"))
                .isEqualTo(Map.of("rules", List.of(Map.of("host", "web.example"))));
    }
}
