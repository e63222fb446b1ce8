package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.store.ListOptions;
import io.pod4j.store.ResourceTypes;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The installed kubectl over Deployments and Jobs: apply, get's tables, rollout status, scale, delete. */
class KubectlWorkloadsIT {

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension();

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  terminationGracePeriodSeconds: 0
                  containers:
                  - name: app
                    image: pod4j-test/busybox:1
                    command: ["sleep", "3600"]
            """;

    @AfterAll
    static void deleteWorkloads() {
        // The controllers would replace pods the extension deletes: the Deployment goes first, its pods with it.
        API.kubectl("delete", "deployments,jobs", "--all", "--cascade=foreground", "--timeout=90s").ok();
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> API.engine().store()
                .list(ResourceTypes.REPLICA_SETS, ListOptions.all()).items().isEmpty());
    }

    @Test
    void aDeploymentRollsOutScalesAndPrintsAsAClusterPrintsIt() {
        assertThat(API.kubectlWithInput(DEPLOYMENT, "apply", "-f", "-").ok().out()).isEqualTo("deployment.apps/web created\n");

        assertThat(API.kubectl("rollout", "status", "deployment/web", "--timeout=90s").ok().out())
                .endsWith("deployment \"web\" successfully rolled out\n");
        String table = API.kubectl("get", "deploy").ok().out();
        assertThat(table.lines().findFirst().orElseThrow()).matches("NAME +READY +UP-TO-DATE +AVAILABLE +AGE");
        assertThat(table).containsPattern("web +2/2 +2 +2 +");
        assertThat(API.kubectl("get", "deployments", "-o", "wide").ok().out().lines().findFirst().orElseThrow())
                .matches("NAME +READY +UP-TO-DATE +AVAILABLE +AGE +CONTAINERS +IMAGES +SELECTOR");

        assertThat(API.kubectl("scale", "deploy/web", "--replicas=3").ok().out()).isEqualTo("deployment.apps/web scaled\n");
        API.kubectl("rollout", "status", "deployment/web", "--timeout=90s").ok();
        assertThat(API.kubectl("get", "rs", "-l", "app=web").ok().out()).containsPattern("web-[a-z0-9]+ +3 +3 +3 +");
        assertThat(API.kubectl("get", "pods", "-l", "app=web", "-o", "name").ok().out().lines()).hasSize(3);
    }

    @Test
    void aJobRunsToCompletionAndPrintsItsStatus() {
        API.kubectlWithInput("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: once}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: c, image: pod4j-test/busybox:1, command: ["true"]}]
                """, "apply", "-f", "-").ok();

        API.kubectl("wait", "--for=condition=Complete", "job/once", "--timeout=90s").ok();
        String table = API.kubectl("get", "jobs").ok().out();
        assertThat(table.lines().findFirst().orElseThrow()).matches("NAME +STATUS +COMPLETIONS +DURATION +AGE");
        assertThat(table).containsPattern("once +Complete +1/1 +");
    }

    @Test
    void rolloutRestartHistoryAndUndoGoThroughRevisions() {
        API.kubectlWithInput(DEPLOYMENT.replace("name: web", "name: undo").replace("{app: web}", "{app: undo}")
                .replace("replicas: 2", "replicas: 1"), "apply", "-f", "-").ok();
        API.kubectl("rollout", "status", "deployment/undo", "--timeout=90s").ok();

        assertThat(API.kubectl("rollout", "restart", "deployment/undo").ok().out()).isEqualTo("deployment.apps/undo restarted\n");
        API.kubectl("rollout", "status", "deployment/undo", "--timeout=90s").ok();
        assertThat(API.kubectl("rollout", "history", "deployment/undo").ok().out()).containsPattern("(?m)^1 +<none>$")
                .containsPattern("(?m)^2 +<none>$");

        assertThat(API.kubectl("rollout", "undo", "deployment/undo").ok().out()).isEqualTo("deployment.apps/undo rolled back\n");
        API.kubectl("rollout", "status", "deployment/undo", "--timeout=90s").ok();
        assertThat(API.kubectl("get", "deployment", "undo", "-o",
                "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}").ok().out()).isEqualTo("3");
        assertThat(API.kubectl("get", "rs", "-l", "app=undo", "-o", "name").ok().out().lines())
                .as("the first ReplicaSet revived, no third one").hasSize(2);
    }
}
