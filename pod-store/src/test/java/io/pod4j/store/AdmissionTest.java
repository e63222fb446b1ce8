package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.pod;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Admission runs once per write: defaults, then validation, in the API server's words; pluggable per kind. */
class AdmissionTest {

    @Test
    void createdPodCarriesTheApiServersDefaults() {
        Pod created = store().create(pod("web"));

        assertThat(created.getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(created.getSpec().getDnsPolicy()).isEqualTo("ClusterFirst");
        assertThat(created.getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
    }

    @Test
    void invalidPodIsRefusedWithEveryCause() {
        Pod p = new PodBuilder(pod("web")).editSpec().addNewContainer().withName("app").withImage("x").endContainer()
                .withRestartPolicy("Sometimes").endSpec().build();

        assertRefused(() -> store().create(p), 422, "Invalid", null)
                .hasMessageStartingWith("Pod \"web\" is invalid: [")
                .hasMessageContaining("spec.containers[1].name: Duplicate value: \"app\"")
                .hasMessageContaining("spec.restartPolicy: Unsupported value: \"Sometimes\"");
    }

    @Test
    void causesCarryTheirFieldAndType() {
        Pod p = new PodBuilder(pod("web")).editSpec().editContainer(0).withImage(null).endContainer().endSpec().build();
        try {
            store().create(p);
        } catch (StoreException e) {
            assertThat(e.status().getDetails().getCauses()).anySatisfy(c -> {
                assertThat(c.getField()).isEqualTo("spec.containers[0].image");
                assertThat(c.getReason()).isEqualTo("FieldValueRequired");
                assertThat(c.getMessage()).isEqualTo("Required value");
            });
            return;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void podWithoutAGracePeriodGetsTheDefaultThirtySecondsWhenDeleted() {
        ObjectStore store = store();
        Pod p = pod("web");
        p.getSpec().setTerminationGracePeriodSeconds(null);
        p.getSpec().setNodeName("node-1");
        store.create(p);

        assertThat(store.delete(ResourceTypes.PODS, "default", "web", null).object().getMetadata()
                .getDeletionGracePeriodSeconds()).isEqualTo(30L);
    }

    @Test
    void aKindsAdmissionCanBeReplaced() {
        ObjectStore store = ObjectStore.builder().admission(ResourceTypes.CONFIG_MAPS, new Admission<ConfigMap>() {
            @Override
            public List<FieldError> validate(Operation operation, ConfigMap object, ConfigMap old) {
                return object.getData().containsKey("forbidden")
                        ? List.of(FieldError.forbidden("data", "not here")) : List.of();
            }
        }).build();

        assertRefused(() -> store.create(Fixtures.configMap("cfg", "forbidden", "x")), 422, "Invalid",
                "ConfigMap \"cfg\" is invalid: data: Forbidden: not here");
    }
}
