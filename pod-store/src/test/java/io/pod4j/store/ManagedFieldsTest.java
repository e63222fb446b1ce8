package io.pod4j.store;

import static io.pod4j.store.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code metadata.managedFields} after creates, updates, patches and status writes: the entries a
 * cluster shows for the same requests (written from {@code kubectl get -o yaml --show-managed-fields}).
 */
class ManagedFieldsTest {

    /** A clock the test moves forward. */
    static final class MovingClock extends Clock {
        private Instant now = Fixtures.NOW;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final ObjectStore store = ObjectStore.builder().clock(clock).build();

    static ManagedFieldsEntry entry(HasMetadata o, String manager) {
        List<ManagedFieldsEntry> found = o.getMetadata().getManagedFields().stream()
                .filter(e -> e.getManager().equals(manager)).toList();
        assertThat(found).as("entries of " + manager).hasSize(1);
        return found.get(0);
    }

    static JsonNode fields(HasMetadata o, String manager) {
        return Json.MAPPER.valueToTree(entry(o, manager).getFieldsV1());
    }

    static JsonNode json(String text) {
        return Json.parse(text.replace('\'', '"'));
    }

    static List<String> managers(HasMetadata o) {
        return o.getMetadata().getManagedFields().stream().map(e -> e.getManager() + "/" + e.getOperation()
                + (e.getSubresource() == null ? "" : "/" + e.getSubresource())).toList();
    }

    @Test
    void createRecordsTheCreatorsFieldsWithTheDefaultsButNotWhatAdmissionPluginsAdd() {
        Pod created = store.create(pod("web"), WriteOptions.fieldManager("kubectl-create"));

        ManagedFieldsEntry e = entry(created, "kubectl-create");
        assertThat(e.getOperation()).isEqualTo("Update");
        assertThat(e.getApiVersion()).isEqualTo("v1");
        assertThat(e.getTime()).isEqualTo("2026-12-03T08:00:00Z");
        assertThat(e.getFieldsType()).isEqualTo("FieldsV1");
        assertThat(e.getSubresource()).isNull();
        assertThat(fields(created, "kubectl-create")).isEqualTo(json("""
                {'f:metadata':{'f:labels':{'.':{},'f:app':{}}},
                 'f:spec':{'f:containers':{'k:{\\'name\\':\\'app\\'}':{'.':{},
                     'f:env':{'.':{},'k:{\\'name\\':\\'MODE\\'}':{'.':{},'f:name':{},'f:value':{}}},
                     'f:image':{},'f:imagePullPolicy':{},'f:name':{},
                     'f:ports':{'.':{},'k:{\\'containerPort\\':80,\\'protocol\\':\\'TCP\\'}':{'.':{},'f:containerPort':{},'f:protocol':{}}},
                     'f:resources':{},'f:terminationMessagePath':{},'f:terminationMessagePolicy':{}}},
                   'f:dnsPolicy':{},'f:enableServiceLinks':{},'f:restartPolicy':{},'f:schedulerName':{},
                   'f:securityContext':{},'f:terminationGracePeriodSeconds':{}}}
                """));
    }

    @Test
    void aWriteWithoutManagerIsRecordedForPod4j() {
        Pod created = store.create(pod("web"));

        assertThat(managers(created)).containsExactly("pod4j/Update");
    }

    @Test
    void anUpdateTakesTheFieldsItChangesFromTheirOwner() {
        Pod created = store.create(pod("web"), WriteOptions.fieldManager("kubectl-create"));
        clock.advance(Duration.ofMinutes(1));
        Pod edited = new PodBuilder(created).editSpec().editFirstContainer().withImage("nginx:1.28").endContainer().endSpec().build();

        Pod updated = store.update(edited, WriteOptions.fieldManager("kubectl-edit"));

        assertThat(fields(updated, "kubectl-edit")).isEqualTo(json(
                "{'f:spec':{'f:containers':{'k:{\\'name\\':\\'app\\'}':{'f:image':{}}}}}"));
        assertThat(entry(updated, "kubectl-edit").getTime()).isEqualTo("2026-12-03T08:01:00Z");
        assertThat(fields(updated, "kubectl-create").at("/f:spec/f:containers/k:{\"name\":\"app\"}").has("f:image")).isFalse();
        assertThat(entry(updated, "kubectl-create").getTime()).isEqualTo("2026-12-03T08:00:00Z");
        assertThat(managers(updated)).containsExactly("kubectl-create/Update", "kubectl-edit/Update");
    }

    @Test
    void aPatchAddingALabelIsOwnedByThePatcher() {
        store.create(pod("web"), WriteOptions.fieldManager("kubectl-create"));

        Pod labelled = store.patch(ResourceTypes.PODS, "default", "web", PatchType.MERGE,
                "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}", WriteOptions.fieldManager("kubectl-label"));

        assertThat(fields(labelled, "kubectl-label")).isEqualTo(json("{'f:metadata':{'f:labels':{'f:tier':{}}}}"));
    }

    @Test
    void aRemovedFieldIsOwnedByNobody() {
        store.create(pod("web"), WriteOptions.fieldManager("kubectl-create"));

        Pod unlabelled = store.patch(ResourceTypes.PODS, "default", "web", PatchType.JSON,
                "[{\"op\":\"remove\",\"path\":\"/metadata/labels\"}]", WriteOptions.fieldManager("kubectl-label"));

        assertThat(fields(unlabelled, "kubectl-create").has("f:metadata")).isFalse();
        assertThat(managers(unlabelled)).containsExactly("kubectl-create/Update");
    }

    @Test
    void aStatusWriteIsRecordedWithTheStatusSubresource() {
        Pod created = store.create(Fixtures.scheduledPod("web"), WriteOptions.fieldManager("kubectl-create"));
        clock.advance(Duration.ofSeconds(2));

        Pod running = store.patchStatus(ResourceTypes.PODS, "default", "web", PatchType.STRATEGIC_MERGE,
                "{\"status\":{\"phase\":\"Running\",\"podIP\":\"10.0.0.5\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}",
                WriteOptions.fieldManager("kubelet"));

        ManagedFieldsEntry e = entry(running, "kubelet");
        assertThat(e.getSubresource()).isEqualTo("status");
        assertThat(e.getOperation()).isEqualTo("Update");
        assertThat(e.getTime()).isEqualTo("2026-12-03T08:00:02Z");
        assertThat(fields(running, "kubelet")).isEqualTo(json("""
                {'f:status':{'f:conditions':{'.':{},'k:{\\'type\\':\\'Ready\\'}':{'.':{},'f:status':{},'f:type':{}}},
                  'f:phase':{},'f:podIP':{}}}
                """));
        assertThat(created.getMetadata().getManagedFields()).hasSize(1);
    }

    @Test
    void anUpdateThatChangesNothingKeepsTheEntryAndTheResourceVersion() {
        Pod created = store.create(pod("web"), WriteOptions.fieldManager("kubectl-create"));
        clock.advance(Duration.ofMinutes(5));

        Pod same = store.update(created, WriteOptions.fieldManager("kubectl-create"));

        assertThat(same.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
        assertThat(same.getMetadata().getManagedFields()).isEqualTo(created.getMetadata().getManagedFields());
    }

    @Test
    void anotherManagersUpdateOfTheSameValuesAddsNoEntry() {
        Pod created = store.create(pod("web"), WriteOptions.fieldManager("kubectl-create"));

        Pod same = store.update(created, WriteOptions.fieldManager("kubectl-replace"));

        assertThat(managers(same)).containsExactly("kubectl-create/Update");
    }

    @Test
    void managedFieldsSentWithAnUpdateReplaceTheStoredOnes() {
        Pod created = store.create(pod("web"), WriteOptions.fieldManager("kubectl-create"));
        Pod edited = new PodBuilder(created).editMetadata().withManagedFields(new io.fabric8.kubernetes.api.model
                .ManagedFieldsEntryBuilder().withManager("kubectl-create").withOperation("Update").withApiVersion("v1")
                .withFieldsType("FieldsV1").withNewFieldsV1().addToAdditionalProperties("f:metadata",
                        java.util.Map.of("f:labels", java.util.Map.of("f:app", java.util.Map.of()))).endFieldsV1()
                .build()).endMetadata().build();

        Pod updated = store.update(edited, WriteOptions.fieldManager("kubectl-edit"));

        assertThat(fields(updated, "kubectl-create")).isEqualTo(json("{'f:metadata':{'f:labels':{'f:app':{}}}}"));
    }
}
