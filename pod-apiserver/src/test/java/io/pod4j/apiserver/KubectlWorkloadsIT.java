package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.store.ListOptions;
import io.pod4j.store.ResourceTypes;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The installed kubectl's workload verbs over Deployments, ReplicaSets, Jobs and CronJobs: apply,
 * create (sent as protobuf), get's tables, rollout status|history|undo|restart|pause|resume, scale,
 * set image, expose, delete; outputs as a 1.32 cluster prints them.
 */
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
        API.kubectl("delete", "deployments,replicasets,cronjobs,jobs,services", "--all", "--cascade=foreground",
                "--timeout=90s").ok();
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

    private static final String IMAGE = "pod4j-test/busybox:1";
    /** The same image by another name (Docker's normalized one): a new template without a new image on disk. */
    private static final String SAME_IMAGE_RENAMED = "docker.io/pod4j-test/busybox:1";

    /** Sleeps, and stops at once on SIGTERM (kubectl create gives no terminationGracePeriodSeconds: 30 s). */
    private static final String[] SLEEP = {"sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"};

    private static String[] kubectlCreate(String... argsThenCommand) {
        String[] all = java.util.Arrays.copyOf(argsThenCommand, argsThenCommand.length + 1 + SLEEP.length);
        all[argsThenCommand.length] = "--";
        System.arraycopy(SLEEP, 0, all, argsThenCommand.length + 1, SLEEP.length);
        return all;
    }

    private static java.util.List<String> names(String kind, String selector) {
        return API.kubectl("get", kind, "-l", selector, "-o", "name").ok().out().lines().toList();
    }

    @Test
    void createDeploymentIsSentAsProtobufAndExposeMakesItsService() {
        ApiServerExtension.Result created = API.kubectl(kubectlCreate("create", "deployment", "shop", "--image=" + IMAGE,
                "--replicas=2", "--port=8080", "-v=8")).ok();
        assertThat(created.out()).isEqualTo("deployment.apps/shop created\n");
        assertThat(created.err()).as("kubectl's typed client sends protobuf")
                .contains("Content-Type: application/vnd.kubernetes.protobuf");
        API.kubectl("rollout", "status", "deployment/shop", "--timeout=90s").ok();

        assertThat(API.kubectl("expose", "deployment", "shop", "--port=80", "--target-port=8080").ok().out())
                .isEqualTo("service/shop exposed\n");
        assertThat(API.kubectl("get", "service", "shop", "-o",
                "jsonpath={.spec.selector.app} {.spec.ports[0].port} {.spec.ports[0].targetPort} {.spec.type}").ok().out())
                .isEqualTo("shop 80 8080 ClusterIP");
        String pod = names("pods", "app=shop").get(0);
        assertThat(API.kubectl("expose", pod, "--name=one-shop", "--port=81", "--target-port=8080").ok().out())
                .isEqualTo("service/one-shop exposed\n");
        assertThat(API.kubectl("get", "service", "one-shop", "-o", "jsonpath={.spec.selector}").ok().out())
                .as("a pod's Service selects by all its labels").contains("\"app\":\"shop\"").contains("pod-template-hash");
    }

    @Test
    void pauseHoldsATemplateChangeUntilResumeAndHistoryShowsTheChangeCause() {
        API.kubectl(kubectlCreate("create", "deployment", "held", "--image=" + IMAGE)).ok();
        API.kubectl("rollout", "status", "deployment/held", "--timeout=90s").ok();

        assertThat(API.kubectl("rollout", "pause", "deployment/held").ok().out()).isEqualTo("deployment.apps/held paused\n");
        assertThat(API.kubectl("set", "image", "deployment/held", "busybox=" + SAME_IMAGE_RENAMED).ok().out())
                .isEqualTo("deployment.apps/held image updated\n");
        API.kubectl("annotate", "deployment/held", "kubernetes.io/change-cause=image renamed").ok();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> API.kubectl("get", "deployment", "held", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}").ok().out().equals("DeploymentPaused"));
        assertThat(names("rs", "app=held")).as("no new ReplicaSet while paused").hasSize(1);

        assertThat(API.kubectl("rollout", "resume", "deployment/held").ok().out()).isEqualTo("deployment.apps/held resumed\n");
        API.kubectl("rollout", "status", "deployment/held", "--timeout=90s").ok();
        assertThat(API.kubectl("rollout", "history", "deployment/held").ok().out()).isEqualTo("""
                deployment.apps/held\s
                REVISION  CHANGE-CAUSE
                1         <none>
                2         image renamed

                """);
        assertThat(API.kubectl("rollout", "history", "deployment/held", "--revision=2").ok().out())
                .startsWith("deployment.apps/held with revision #2\nPod Template:\n")
                .contains("kubernetes.io/change-cause: image renamed").containsPattern("Image:\\s+" + SAME_IMAGE_RENAMED);

        assertThat(API.kubectl("rollout", "undo", "deployment/held", "--to-revision=1").ok().out())
                .isEqualTo("deployment.apps/held rolled back\n");
        API.kubectl("rollout", "status", "deployment/held", "--timeout=90s").ok();
        assertThat(API.kubectl("get", "deployment", "held", "-o", "jsonpath={.spec.template.spec.containers[0].image}")
                .ok().out()).isEqualTo(IMAGE);
        assertThat(API.kubectl("rollout", "undo", "deployment/held", "--to-revision=3").ok().out())
                .isEqualTo("deployment.apps/held skipped rollback (current template already matches revision 3)\n");
        ApiServerExtension.Result missing = API.kubectl("rollout", "undo", "deployment/held", "--to-revision=9");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("error: unable to find specified revision 9 in history\n");
    }

    @Test
    void scaleResizesReplicaSetsChecksPreconditionsAndJobsArePatched() {
        API.kubectlWithInput("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: solo}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: solo}}
                  template:
                    metadata: {labels: {app: solo}}
                    spec:
                      terminationGracePeriodSeconds: 0
                      containers: [{name: c, image: pod4j-test/busybox:1, command: ["sleep", "3600"]}]
                """, "apply", "-f", "-").ok();

        assertThat(API.kubectl("scale", "rs/solo", "--replicas=2").ok().out()).isEqualTo("replicaset.apps/solo scaled\n");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> names("pods", "app=solo").size() == 2);
        ApiServerExtension.Result stale = API.kubectl("scale", "rs/solo", "--current-replicas=5", "--replicas=1");
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.err()).isEqualTo("error: Expected replicas to be 5, was 2\n");

        API.kubectlWithInput("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: wide}
                spec:
                  completions: 4
                  template:
                    spec:
                      restartPolicy: Never
                      terminationGracePeriodSeconds: 0
                      containers: [{name: c, image: pod4j-test/busybox:1, command: ["sleep", "3600"]}]
                """, "apply", "-f", "-").ok();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> names("pods", "job-name=wide").size() == 1);
        ApiServerExtension.Result job = API.kubectl("scale", "job/wide", "--replicas=2");
        assertThat(job.err()).as("Jobs have no scale subresource, on a cluster neither")
                .isEqualTo("Error from server (NotFound): the server could not find the requested resource\n");
        assertThat(API.kubectl("patch", "job", "wide", "-p", "{\"spec\":{\"parallelism\":2}}").ok().out())
                .isEqualTo("job.batch/wide patched\n");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> names("pods", "job-name=wide").size() == 2);
    }

    @Test
    void createJobFromACronJobRunsItsTemplateAtOnce() {
        assertThat(API.kubectl("create", "cronjob", "nightly", "--image=" + IMAGE, "--schedule=0 3 * * *", "--",
                "sh", "-c", "echo nightly run").ok().out()).isEqualTo("cronjob.batch/nightly created\n");
        String table = API.kubectl("get", "cronjobs").ok().out();
        assertThat(table.lines().findFirst().orElseThrow()).matches("NAME +SCHEDULE +TIMEZONE +SUSPEND +ACTIVE +LAST SCHEDULE +AGE");
        assertThat(table).containsPattern("nightly +0 3 \\* \\* \\* +<none> +False +0 +<none> +");

        assertThat(API.kubectl("create", "job", "now", "--from=cronjob/nightly").ok().out()).isEqualTo("job.batch/now created\n");
        API.kubectl("wait", "--for=condition=Complete", "job/now", "--timeout=90s").ok();
        assertThat(API.kubectl("logs", "job/now").ok().out()).isEqualTo("nightly run\n");
        assertThat(API.kubectl("get", "job", "now", "-o",
                "jsonpath={.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate} {.metadata.ownerReferences[0].kind}"
                        + " {.status.conditions[*].type}").ok().out())
                .isEqualTo("manual CronJob SuccessCriteriaMet Complete");
    }

    @Test
    void aScheduleTheApiServerRefusesIsRefusedInItsWords() {
        ApiServerExtension.Result tz = API.kubectl("create", "cronjob", "zoned", "--image=" + IMAGE, "--schedule=TZ=UTC 0 * * * *");
        ApiServerExtension.Result fields = API.kubectl("create", "cronjob", "short", "--image=" + IMAGE, "--schedule=0 * * *");

        assertThat(tz.exitCode()).isEqualTo(1);
        assertThat(tz.err()).isEqualTo("error: failed to create cronjob: CronJob.batch \"zoned\" is invalid: spec.schedule: "
                + "Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead\n");
        assertThat(fields.err()).isEqualTo("error: failed to create cronjob: CronJob.batch \"short\" is invalid: spec.schedule: "
                + "Invalid value: \"0 * * *\": expected exactly 5 fields, found 4: [0 * * *]\n");
    }

    @Test
    void anIndexPastItsBackoffLimitPerIndexFailsAloneAndTheJobWithFailedIndexes() {
        API.kubectlWithInput("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: per-index}
                spec:
                  completionMode: Indexed
                  completions: 3
                  parallelism: 3
                  backoffLimitPerIndex: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: c, image: pod4j-test/busybox:1, command: ["sh", "-c", "test $JOB_COMPLETION_INDEX != 1"]}]
                """, "apply", "-f", "-").ok();

        API.kubectl("wait", "--for=condition=Failed", "job/per-index", "--timeout=90s").ok();
        assertThat(API.kubectl("get", "job", "per-index", "-o", "jsonpath={.status.failedIndexes} {.status.completedIndexes}"
                + " {.status.conditions[*].type} {.status.conditions[?(@.type==\"Failed\")].reason}").ok().out())
                .isEqualTo("1 0,2 FailureTarget Failed FailedIndexes");
    }

    @Test
    void aSuccessPolicyMetCompletesTheJobAndEndsItsOtherPods() {
        API.kubectlWithInput("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: leader}
                spec:
                  completionMode: Indexed
                  completions: 3
                  parallelism: 3
                  successPolicy:
                    rules: [{succeededIndexes: "0"}]
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: c
                        image: pod4j-test/busybox:1
                        command: ["sh", "-c", "[ $JOB_COMPLETION_INDEX = 0 ] && exit 0; trap 'exit 0' TERM; sleep 3600 & wait"]
                """, "apply", "-f", "-").ok();

        API.kubectl("wait", "--for=condition=Complete", "job/leader", "--timeout=90s").ok();
        assertThat(API.kubectl("get", "job", "leader", "-o", "jsonpath={.status.conditions[*].type}"
                + " {.status.conditions[?(@.type==\"Complete\")].reason} {.status.completedIndexes}").ok().out())
                .isEqualTo("SuccessCriteriaMet Complete SuccessPolicy 0");
        assertThat(API.kubectl("get", "job", "leader", "-o", "jsonpath={.status.conditions[?(@.type==\"Complete\")].message}")
                .ok().out()).isEqualTo("Matched rules at index 0");
        assertThat(names("pods", "job-name=leader")).as("the other indexes' pods are gone").hasSize(1);
    }
}
