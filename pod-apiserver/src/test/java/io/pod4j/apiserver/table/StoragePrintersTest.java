package io.pod4j.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.pod4j.store.ResourceTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** StorageClasses and ControllerRevisions, as a 1.32 cluster prints them. */
class StoragePrintersTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Tables.Options OPTIONS = new Tables.Options("v1", Tables.IncludeObject.METADATA, false, NOW);

    private static List<String> row(JsonNode table) {
        List<String> cells = new ArrayList<>();
        table.get("rows").get(0).get("cells").forEach(c -> cells.add(c.asText()));
        return cells;
    }

    private static List<String> columns(JsonNode table) {
        List<String> names = new ArrayList<>();
        table.get("columnDefinitions").forEach(c -> names.add(c.get("name").asText()));
        return names;
    }

    @Test
    void theDefaultStorageClassIsMarkedDefault() {
        var sc = new StorageClassBuilder().withNewMetadata().withName("standard").withCreationTimestamp("2026-12-03T11:00:00Z")
                .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true").endMetadata()
                .withProvisioner("pod4j.io/docker-volume").withReclaimPolicy("Delete").withVolumeBindingMode("Immediate").build();

        JsonNode table = Tables.of(ResourceTypes.STORAGE_CLASSES, List.of(sc), null, OPTIONS);

        assertThat(columns(table)).containsExactly("Name", "Provisioner", "ReclaimPolicy", "VolumeBindingMode",
                "AllowVolumeExpansion", "Age");
        assertThat(row(table)).containsExactly("standard (default)", "pod4j.io/docker-volume", "Delete", "Immediate", "false", "60m");
    }

    @Test
    void aControllerRevisionNamesItsControllerAndRevision() {
        var r = new ControllerRevisionBuilder().withNewMetadata().withName("web-7b9c").withCreationTimestamp("2026-12-03T11:59:00Z")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet").withName("web").withUid("u")
                .withController(true).endOwnerReference().endMetadata().withRevision(2L).build();

        JsonNode table = Tables.of(ResourceTypes.CONTROLLER_REVISIONS, List.of(r), null, OPTIONS);

        assertThat(columns(table)).containsExactly("Name", "Controller", "Revision", "Age");
        assertThat(row(table)).containsExactly("web-7b9c", "statefulset.apps/web", "2", "60s");
    }
}
