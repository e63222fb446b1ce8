package io.pod4j.api.quantity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.pod4j.api.error.ManifestException;
import io.pod4j.api.yaml.Manifests;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kubernetes' quantity arithmetic on fabric8's Quantity, and quantities as manifests hold them. */
class QuantitiesTest {

    private static final String POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: c\n"
            + "    image: x:1\n    resources:\n      limits:\n        %s\n";

    @Test
    void roundsValuesAwayFromZeroAsKubernetesDoes() {
        assertThat(Quantities.value(new Quantity("1.5"))).isEqualTo(2);
        assertThat(Quantities.milliValue(new Quantity("0.5"))).isEqualTo(500);
        assertThat(Quantities.milliValue(new Quantity("1n"))).isEqualTo(1);
        assertThat(Quantities.value(new Quantity("128Mi"))).isEqualTo(134217728);
        assertThat(Quantities.toBigDecimal(new Quantity("1.5Gi"))).isEqualByComparingTo(new BigDecimal("1610612736"));
    }

    @Test
    void putsQuantitiesInTheFormTheApiServerStores() {
        assertThat(Quantities.canonical(new Quantity("0.5"))).isEqualTo(new Quantity("500m"));
        assertThat(Quantities.canonical(new Quantity("1.5Gi"))).isEqualTo(new Quantity("1536Mi"));
        assertThat(Quantities.canonical(new Quantity("1000"))).isEqualTo(new Quantity("1k"));
        assertThat(Quantities.canonical(new Quantity("1e3"))).isEqualTo(new Quantity("1e3"));
        assertThat(Quantities.of(2048, true)).isEqualTo(new Quantity("2Ki"));
        assertThat(Quantities.ofMillis(250)).isEqualTo(new Quantity("250m"));
    }

    @Test
    void ordersByValueWhateverTheSuffix() {
        assertThat(Quantities.BY_VALUE.compare(new Quantity("1Ki"), new Quantity("1024"))).isZero();
        assertThat(Quantities.BY_VALUE.compare(new Quantity("500m"), new Quantity("1"))).isNegative();
    }

    @Test
    void refusesWhatIsNotAQuantityInKubernetesWords() {
        assertThatThrownBy(() -> Quantities.parse("1.1.M")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot parse '1.1.M': quantities must match the regular expression "
                        + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
        assertThat(Quantities.parse("64Mi")).isEqualTo(new Quantity("64Mi"));
    }

    @Test
    void readsAQuantityInAManifestInCanonicalFormWhetherStringOrNumber() {
        Pod pod = Manifests.loadPod(POD.formatted("{cpu: 0.5, memory: 1e3, a: \" 1 \", b: \"1500m\", c: 2048Ki}"));

        assertThat(pod.getSpec().getContainers().get(0).getResources().getLimits()).isEqualTo(Map.of(
                "cpu", new Quantity("500m"), "memory", new Quantity("1k"), "a", new Quantity("1"),
                "b", new Quantity("1500m"), "c", new Quantity("2Mi")));
    }

    @Test
    void reportsABadQuantityInAManifestWithItsLineAndKubernetesWords() {
        assertThatThrownBy(() -> Manifests.load(POD.formatted("cpu: 1.1.M")))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("<string>:11:")
                .hasMessageContaining("cannot parse '1.1.M': quantities must match the regular expression")
                .hasMessageContaining("spec.containers[0].resources.limits.cpu");
        assertThatThrownBy(() -> Manifests.load(POD.formatted("cpu: true")))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("invalid type: expected a quantity");
    }
}
