package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.pod;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lists with label and field selectors, each kind with the API server's field labels. */
class SelectorTest {

    private final ObjectStore store = store();

    @BeforeEach
    void objects() {
        store.create(pod("web"));
        store.create(new PodBuilder(pod("db")).editMetadata().withNamespace("data").endMetadata().build());
        var api = store.create(pod("api"));
        store.updateStatus(new PodBuilder(api).editStatus().withPhase("Running").endStatus().build());
    }

    private static List<String> names(ObjectList<? extends HasMetadata> list) {
        return list.items().stream().map(o -> o.getMetadata().getNamespace() + "/" + o.getMetadata().getName()).toList();
    }

    @Test
    void listIsSortedByNamespaceAndName() {
        assertThat(names(store.list(ResourceTypes.PODS, ListOptions.all()))).containsExactly("data/db", "default/api", "default/web");
    }

    @Test
    void listInANamespace() {
        assertThat(names(store.list(ResourceTypes.PODS, ListOptions.inNamespace("default")))).containsExactly("default/api", "default/web");
    }

    @Test
    void labelSelector() {
        assertThat(names(store.list(ResourceTypes.PODS, ListOptions.all().withLabelSelector("app in (web,db)"))))
                .containsExactly("data/db", "default/web");
    }

    @Test
    void fieldSelectorOnNameAndNamespace() {
        assertThat(names(store.list(ResourceTypes.PODS, ListOptions.all()
                .withFieldSelector("metadata.namespace=default,metadata.name!=web")))).containsExactly("default/api");
    }

    @Test
    void fieldSelectorOnPodPhase() {
        assertThat(names(store.list(ResourceTypes.PODS, ListOptions.all().withFieldSelector("status.phase=Running"))))
                .containsExactly("default/api");
    }

    @Test
    void unsupportedFieldLabelIsRefusedInTheApiServersWords() {
        assertRefused(() -> store.list(ResourceTypes.PODS, ListOptions.all().withFieldSelector("spec.containers=x")),
                400, "BadRequest", "field label not supported: spec.containers");
    }

    @Test
    void fieldLabelOfAnotherKindIsNotSupported() {
        assertRefused(() -> store.list(ResourceTypes.CONFIG_MAPS, ListOptions.all().withFieldSelector("status.phase=Running")),
                400, "BadRequest", "field label not supported: status.phase");
    }

    @Test
    void eventsBySelectedInvolvedObject() {
        store.create(new EventBuilder().withNewMetadata().withName("web.1").endMetadata().withNewInvolvedObject()
                .withKind("Pod").withName("web").endInvolvedObject().withReason("Pulled").withType("Normal").build());
        store.create(new EventBuilder().withNewMetadata().withName("db.1").endMetadata().withNewInvolvedObject()
                .withKind("Pod").withName("db").endInvolvedObject().withReason("Pulled").withType("Normal").build());

        assertThat(names(store.list(ResourceTypes.EVENTS, ListOptions.all()
                .withFieldSelector("involvedObject.kind=Pod,involvedObject.name=web")))).containsExactly("default/web.1");
    }

    @Test
    void secretsByType() {
        store.create(new SecretBuilder().withNewMetadata().withName("tls").endMetadata().withType("kubernetes.io/tls")
                .addToData("tls.crt", "eA==").addToData("tls.key", "eA==").build());
        store.create(new SecretBuilder().withNewMetadata().withName("plain").endMetadata().build());

        assertThat(names(store.list(ResourceTypes.SECRETS, ListOptions.all().withFieldSelector("type=kubernetes.io/tls"))))
                .containsExactly("default/tls");
    }

    @Test
    void badLabelSelectorIsBadRequest() {
        assertRefused(() -> store.list(ResourceTypes.PODS, ListOptions.all().withLabelSelector("app in web")),
                400, "BadRequest", null);
    }
}
