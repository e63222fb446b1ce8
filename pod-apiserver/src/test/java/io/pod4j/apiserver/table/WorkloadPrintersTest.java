package io.pod4j.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.pod4j.store.ResourceTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workload kinds' rows, as a 1.32 cluster prints them. */
class WorkloadPrintersTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Tables.Options OPTIONS = new Tables.Options("v1", Tables.IncludeObject.METADATA, false, NOW);

    private static List<String> columns(JsonNode table) {
        List<String> names = new ArrayList<>();
        table.get("columnDefinitions").forEach(c -> names.add(c.get("name").asText() + (c.get("priority").asInt() == 1 ? "*" : "")));
        return names;
    }

    private static List<String> cells(JsonNode table) {
        List<String> cells = new ArrayList<>();
        table.get("rows").get(0).get("cells").forEach(c -> cells.add(c.asText()));
        return cells;
    }

    @Test
    void aDeploymentPrintsReadyUpToDateAndAvailable() {
        Deployment d = new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("default")
                .withCreationTimestamp("2026-12-03T11:55:00Z").endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewSpec().addNewContainer().withName("app").withImage("busybox:1").endContainer().endSpec()
                .endTemplate().endSpec()
                .withNewStatus().withReplicas(3).withReadyReplicas(2).withUpdatedReplicas(3).withAvailableReplicas(2).endStatus()
                .build();

        JsonNode table = Tables.of(ResourceTypes.DEPLOYMENTS, List.of(d), null, OPTIONS);

        assertThat(columns(table)).containsExactly("Name", "Ready", "Up-to-date", "Available", "Age", "Containers*", "Images*",
                "Selector*");
        assertThat(cells(table)).containsExactly("web", "2/3", "3", "2", "5m", "app", "busybox:1", "app=web");
    }

    @Test
    void aJobPrintsItsStatusCompletionsAndDuration() {
        Job j = new JobBuilder().withNewMetadata().withName("pi").withNamespace("default")
                .withCreationTimestamp("2026-12-03T11:55:00Z").endMetadata()
                .withNewSpec().withCompletions(5).withParallelism(2).withNewTemplate().withNewSpec().addNewContainer()
                .withName("c").withImage("busybox:1").endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withSucceeded(5).withStartTime("2026-12-03T11:55:00Z").withCompletionTime("2026-12-03T11:55:42Z")
                .addNewCondition().withType("Complete").withStatus("True").endCondition().endStatus().build();

        JsonNode table = Tables.of(ResourceTypes.JOBS, List.of(j), null, OPTIONS);

        assertThat(columns(table)).containsExactly("Name", "Status", "Completions", "Duration", "Age", "Containers*", "Images*",
                "Selector*");
        assertThat(cells(table).subList(0, 5)).containsExactly("pi", "Complete", "5/5", "42s", "5m");
    }
}
