package io.pod4j.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListMetaBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.pod4j.api.build.Pods;
import io.pod4j.store.ResourceType;
import io.pod4j.store.ResourceTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tables compared with what a cluster's API server answers for the same objects. */
class TablesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final String CREATED = "2026-12-03T11:55:00Z";
    private static final Tables.Options OPTIONS = new Tables.Options("v1", Tables.IncludeObject.METADATA, false, NOW);

    private static List<String> columnNames(JsonNode table) {
        List<String> names = new ArrayList<>();
        table.get("columnDefinitions").forEach(c -> names.add(c.get("name").asText()));
        return names;
    }

    private static List<String> printed(JsonNode table, int priority) {
        List<String> names = new ArrayList<>();
        table.get("columnDefinitions").forEach(c -> {
            if (c.get("priority").asInt() <= priority) {
                names.add(c.get("name").asText());
            }
        });
        return names;
    }

    private static List<Object> cells(JsonNode table, int row) {
        List<Object> cells = new ArrayList<>();
        table.get("rows").get(row).get("cells").forEach(c -> cells.add(c.isNumber() ? (Object) c.asLong() : c.asText()));
        return cells;
    }

    private static Pod runningPod() {
        Pod pod = Pods.named("web").namespace("default").label("app", "web")
                .container("app", c -> c.image("busybox:1")).build();
        pod.getMetadata().setCreationTimestamp(CREATED);
        pod.getMetadata().setResourceVersion("42");
        return pod;
    }

    @Test
    void podTableHasTheColumnsACluserPrintsWithWideOnesAtPriorityOne() {
        ObjectNode table = Tables.of(ResourceTypes.PODS, List.of(runningPod()), null, OPTIONS);
        assertThat(table.get("kind").asText()).isEqualTo("Table");
        assertThat(table.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(printed(table, 0)).containsExactly("Name", "Ready", "Status", "Restarts", "Age");
        assertThat(columnNames(table)).containsExactly("Name", "Ready", "Status", "Restarts", "Age", "IP", "Node",
                "Nominated Node", "Readiness Gates");
        assertThat(table.get("columnDefinitions").get(0).get("format").asText()).isEqualTo("name");
    }

    @Test
    void rowsCarryPartialObjectMetadataByDefault() {
        ObjectNode table = Tables.of(ResourceTypes.PODS, List.of(runningPod()), null, OPTIONS);
        JsonNode object = table.get("rows").get(0).get("object");
        assertThat(object.get("kind").asText()).isEqualTo("PartialObjectMetadata");
        assertThat(object.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(object.get("metadata").get("namespace").asText()).isEqualTo("default");
        assertThat(object.get("metadata").get("labels").get("app").asText()).isEqualTo("web");
        assertThat(object.has("spec")).isFalse();
    }

    @Test
    void includeObjectObjectPutsTheWholeObjectInTheRow() {
        var options = new Tables.Options("v1", Tables.IncludeObject.parse("Object"), false, NOW);
        JsonNode object = Tables.of(ResourceTypes.PODS, List.of(runningPod()), null, options).get("rows").get(0)
                .get("object");
        assertThat(object.get("kind").asText()).isEqualTo("Pod");
        assertThat(object.get("spec").get("containers").get(0).get("image").asText()).isEqualTo("busybox:1");
    }

    @Test
    void includeObjectNoneLeavesTheObjectOut() {
        var options = new Tables.Options("v1", Tables.IncludeObject.parse("None"), false, NOW);
        assertThat(Tables.of(ResourceTypes.PODS, List.of(runningPod()), null, options).get("rows").get(0).has("object"))
                .isFalse();
    }

    @Test
    void unknownIncludeObjectIsRefusedInTheApiServersWords() {
        assertThatThrownBy(() -> Tables.IncludeObject.parse("All"))
                .hasMessage("includeObject: Unsupported value: \"All\": supported values: \"Metadata\", \"None\", \"Object\"");
    }

    @Test
    void v1beta1TableAndItsRowsSayV1beta1() {
        var options = new Tables.Options("v1beta1", Tables.IncludeObject.METADATA, false, NOW);
        ObjectNode table = Tables.of(ResourceTypes.PODS, List.of(runningPod()), null, options);
        assertThat(table.get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1beta1");
        assertThat(table.get("rows").get(0).get("object").get("apiVersion").asText()).isEqualTo("meta.k8s.io/v1beta1");
    }

    @Test
    void listTableCarriesTheListsResourceVersionAndContinueToken() {
        ObjectNode table = Tables.of(ResourceTypes.PODS, List.of(runningPod()),
                new ListMetaBuilder().withResourceVersion("77").withContinue("abc").withRemainingItemCount(3L).build(),
                OPTIONS);
        assertThat(table.get("metadata").get("resourceVersion").asText()).isEqualTo("77");
        assertThat(table.get("metadata").get("continue").asText()).isEqualTo("abc");
        assertThat(table.get("metadata").get("remainingItemCount").asLong()).isEqualTo(3);
    }

    @Test
    void oneObjectsTableCarriesItsResourceVersion() {
        ObjectNode table = Tables.of(ResourceTypes.PODS, runningPod(), OPTIONS);
        assertThat(table.get("metadata").get("resourceVersion").asText()).isEqualTo("42");
        assertThat(table.get("rows")).hasSize(1);
    }

    @Test
    void noHeadersLeavesTheColumnDefinitionsEmpty() {
        var options = new Tables.Options("v1", Tables.IncludeObject.METADATA, true, NOW);
        assertThat(Tables.of(ResourceTypes.PODS, runningPod(), options).get("columnDefinitions")).isEmpty();
    }

    @Test
    void configMapPrintsNameDataAge() {
        var cm = new ConfigMapBuilder().withNewMetadata().withName("settings").withCreationTimestamp(CREATED)
                .endMetadata().addToData("a", "1").addToData("b", "2").addToBinaryData("c", "AA==").build();
        ObjectNode table = Tables.of(ResourceTypes.CONFIG_MAPS, List.of(cm), null, OPTIONS);
        assertThat(columnNames(table)).containsExactly("Name", "Data", "Age");
        assertThat(cells(table, 0)).containsExactly("settings", 3L, "5m");
    }

    @Test
    void secretPrintsNameTypeDataAge() {
        var secret = new SecretBuilder().withNewMetadata().withName("token").withCreationTimestamp(CREATED)
                .endMetadata().withType("Opaque").addToData("key", "dmFsdWU=").build();
        ObjectNode table = Tables.of(ResourceTypes.SECRETS, List.of(secret), null, OPTIONS);
        assertThat(columnNames(table)).containsExactly("Name", "Type", "Data", "Age");
        assertThat(cells(table, 0)).containsExactly("token", "Opaque", 1L, "5m");
    }

    @Test
    void namespacePrintsNameStatusAge() {
        var ns = new NamespaceBuilder().withNewMetadata().withName("default").withCreationTimestamp(CREATED)
                .endMetadata().withNewStatus().withPhase("Active").endStatus().build();
        ObjectNode table = Tables.of(ResourceTypes.NAMESPACES, List.of(ns), null, OPTIONS);
        assertThat(columnNames(table)).containsExactly("Name", "Status", "Age");
        assertThat(cells(table, 0)).containsExactly("default", "Active", "5m");
    }

    @Test
    void nodePrintsStatusRolesAgeVersionAndWideColumns() {
        var node = new NodeBuilder().withNewMetadata().withName("pod4j").withCreationTimestamp(CREATED)
                .addToLabels("node-role.kubernetes.io/control-plane", "").endMetadata()
                .withNewSpec().withUnschedulable(true).endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewAddress().withType("InternalIP").withAddress("192.168.1.10").endAddress()
                .withNewNodeInfo().withKubeletVersion("v1.32.0-pod4j").withOsImage("Ubuntu 24.04")
                .withKernelVersion("6.8.0").withContainerRuntimeVersion("docker://20.10.24").endNodeInfo()
                .endStatus().build();
        ObjectNode table = Tables.of(ResourceTypes.NODES, List.of(node), null, OPTIONS);
        assertThat(printed(table, 0)).containsExactly("Name", "Status", "Roles", "Age", "Version");
        // NAME  STATUS                   ROLES         AGE VERSION       INTERNAL-IP  EXTERNAL-IP OS-IMAGE ...
        assertThat(cells(table, 0)).containsExactly("pod4j", "Ready,SchedulingDisabled", "control-plane", "5m",
                "v1.32.0-pod4j", "192.168.1.10", "<none>", "Ubuntu 24.04", "6.8.0", "docker://20.10.24");
    }

    @Test
    void nodeWithoutAReadyConditionPrintsUnknownAndNoRoles() {
        var node = new NodeBuilder().withNewMetadata().withName("n").withCreationTimestamp(CREATED).endMetadata()
                .build();
        assertThat(cells(Tables.of(ResourceTypes.NODES, List.of(node), null, OPTIONS), 0).subList(1, 3))
                .containsExactly("Unknown", "<none>");
    }

    @Test
    void eventPrintsLastSeenTypeReasonObjectMessageAndWideColumns() {
        var event = new EventBuilder().withNewMetadata().withName("web.1").withNamespace("default")
                .withCreationTimestamp(CREATED).endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("web").withFieldPath("spec.containers{app}")
                .endInvolvedObject().withType("Normal").withReason("Pulled")
                .withMessage("Container image \"busybox:1\" already present on machine ")
                .withNewSource().withComponent("kubelet").withHost("pod4j").endSource()
                .withFirstTimestamp("2026-12-03T11:58:00Z").withLastTimestamp("2026-12-03T11:59:30Z").withCount(3)
                .build();
        ObjectNode table = Tables.of(ResourceTypes.EVENTS, List.of(event), null, OPTIONS);
        assertThat(printed(table, 0)).containsExactly("Last Seen", "Type", "Reason", "Object", "Message");
        assertThat(cells(table, 0)).containsExactly("30s", "Normal", "Pulled", "pod/web", "spec.containers{app}",
                "kubelet, pod4j", "Container image \"busybox:1\" already present on machine", "2m", 3L, "web.1");
    }

    @Test
    void serviceWithoutExternalAddressesPrintsNone() {
        var svc = new ServiceBuilder().withNewMetadata().withName("web").withCreationTimestamp(CREATED).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIPs("10.96.0.10").addNewPort().withPort(80)
                .withProtocol("TCP").endPort().addToSelector("app", "web").endSpec().build();
        assertThat(cells(Tables.of(ResourceTypes.SERVICES, List.of(svc), null, OPTIONS), 0))
                .containsExactly("web", "ClusterIP", "10.96.0.10", "<none>", "80/TCP", "5m", "app=web");
    }

    @Test
    void kindWithoutAPrinterGetsNameAndCreatedAtAsFromACluster() {
        ResourceType<?> widgets = new ResourceType<>("example.com", "v1", "Widget", "widgets", true, false, true,
                GenericKubernetesResource.class);
        HasMetadata widget = new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1").withKind("Widget")
                .withNewMetadata().withName("w").withCreationTimestamp(CREATED).endMetadata().build();
        ObjectNode table = Tables.of(widgets, List.of(widget), null, OPTIONS);
        assertThat(columnNames(table)).containsExactly("Name", "Created At");
        assertThat(table.get("columnDefinitions").get(1).get("type").asText()).isEqualTo("date");
        assertThat(cells(table, 0)).containsExactly("w", CREATED);
    }
}
