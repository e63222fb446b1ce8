package io.pod4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a kubectl user sees beyond the happy path, through the real {@code ./pod4j}: JSONPath and
 * custom columns, the API server's and kubelet's refusals of logs and exec, label checks, and
 * delete printing before it waits. Expected texts are kubectl's against a cluster.
 */
class KubectlFidelityIT {

    private static Pod4jProcess pod4j;
    private static final String PODS = Path.of("src/test/resources/cli/fidelity.yaml").toAbsolutePath().toString();

    @BeforeAll
    static void setUp() {
        pod4j = new Pod4jProcess("fidelity");
        var r = pod4j.run("apply", "-f", PODS);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(pod4j.run("wait", "--for=condition=Ready", "pod/fid-web", "--timeout=60s").exitCode()).isZero();
        var done = pod4j.run("wait", "--for=jsonpath={.status.phase}=Succeeded", "pod/fid-job", "--timeout=60s");
        assertThat(done.exitCode()).as(done.toString()).isZero();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                pod4j.run("get", "pod", "fid-nopull", "-o", "jsonpath={.status.containerStatuses[0].state.waiting.reason}").stdout())
                .isEqualTo("ImagePullBackOff"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        pod4j.cleanUp();
    }

    @Test
    void printsJsonpathAndCustomColumns() {
        assertThat(pod4j.run("get", "pods", "-o", "jsonpath={.items[*].metadata.name}").stdout())
                .isEqualTo("fid-job fid-nopull fid-web");
        assertThat(pod4j.run("get", "pod", "fid-web", "-o",
                "jsonpath={range .spec.containers[*]}{.name}{\"\\n\"}{end}").stdout()).isEqualTo("web\nside\n");
        assertThat(pod4j.run("get", "pods", "-l", "app=web", "-o", "custom-columns=NAME:.metadata.name,PHASE:.status.phase").stdout())
                .isEqualTo("NAME      PHASE\nfid-web   Running\n");
        var missing = pod4j.run("get", "pod", "fid-ghost", "-o", "yaml");
        assertThat(missing.stdout()).isEmpty();
        assertThat(missing.stderr()).isEqualTo("Error from server (NotFound): pods \"fid-ghost\" not found\n");
    }

    @Test
    void listsPodsUnderAllByKindAndNameAndHasNoMetricsApi() {
        var all = pod4j.run("get", "all", "-l", "app=web");
        assertThat(all.stdout()).startsWith("NAME          READY   STATUS    RESTARTS   AGE\npod/fid-web   2/2     Running   0   ");
        assertThat(pod4j.run("wait", "--for=condition=Ready", "pod", "-l", "app=web").stdout()).isEqualTo("pod/fid-web condition met\n");
        assertThat(pod4j.run("wait", "--for=condition=Ready", "pods", "-l", "app=none").stderr()).isEqualTo("error: no matching resources found\n");
        assertThat(pod4j.run("describe", "pods", "-l", "app=none").stderr()).isEqualTo("No resources found in default namespace.\n");
        assertThat(pod4j.run("describe", "pods", "fid-job", "fid-web").stdout()).contains("\n\n\nName:             fid-web\n");
        assertThat(pod4j.run("get", "events", "--field-selector", "involvedObject.name=fid-web", "-o", "jsonpath={.items[0].reason}")
                .stdout()).isEqualTo("Scheduled");
        assertThat(pod4j.run("get", "events", "-o", "wide").stdout().lines().findFirst().orElseThrow())
                .matches("LAST SEEN +TYPE +REASON +OBJECT +SUBOBJECT +SOURCE +MESSAGE +FIRST SEEN +COUNT +NAME");
        var top = pod4j.run("top", "pod");
        assertThat(top.exitCode()).isEqualTo(1);
        assertThat(top.stderr()).isEqualTo("error: Metrics API not available\n");
    }

    @Test
    void refusesLogsAndExecWithTheClustersWords() {
        var pulling = pod4j.run("logs", "fid-nopull");
        assertThat(pulling.exitCode()).isEqualTo(1);
        assertThat(pulling.stderr()).isEqualTo("Error from server (BadRequest): container \"app\" in pod \"fid-nopull\""
                + " is waiting to start: trying and failing to pull image\n");
        assertThat(pod4j.run("logs", "fid-web", "-c", "nope").stderr())
                .isEqualTo("Error from server (BadRequest): container nope is not valid for pod fid-web\n");
        assertThat(pod4j.run("exec", "fid-job", "--", "ls").stderr())
                .isEqualTo("error: cannot exec into a container in a completed pod; current phase is Succeeded\n");
        assertThat(pod4j.run("logs", "fid-web", "-c", "web").stdout()).isEqualTo("serving\n");
        assertThat(pod4j.run("logs", "-l", "app=web", "--prefix").stdout()).isEqualTo("[pod/fid-web/web] serving\n");
        assertThat(pod4j.run("port-forward", "fid-job", "0:80").stderr())
                .isEqualTo("error: unable to forward port because pod is not running. Current status=Succeeded\n");
    }

    @Test
    void refusesAnUnknownFieldAsTheApiServerDoesUnderStrictValidation() {
        var r = pod4j.runWithInput("apiVersion: v1\nkind: Pod\nmetadata:\n  name: fid-typo\n  annotation:\n    a: b\n"
                + "spec:\n  containers:\n  - name: c\n    image: pod4j-test/busybox:1\n", "apply", "-f", "-");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr().lines().findFirst().orElseThrow()).isEqualTo("Error from server (BadRequest): error when creating"
                + " \"STDIN\": Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"metadata.annotation\"");
    }

    @Test
    void checksLabelsAsKubectlAndTheApiServerDo() {
        var badKey = pod4j.run("label", "pod", "fid-web", "bad key=x");
        assertThat(badKey.exitCode()).isEqualTo(1);
        assertThat(badKey.stderr()).startsWith("The Pod \"fid-web\" is invalid: metadata.labels: Invalid value: \"bad key\": "
                + "name part must consist of alphanumeric characters");
        assertThat(pod4j.run("label", "pod", "fid-web", "tier=a b").stderr()).startsWith("error: invalid label value: \"tier=a b\": ");
        assertThat(pod4j.run("get", "pod", "fid-web", "--show-labels").stdout()).contains("app=web").doesNotContain("bad");
        assertThat(pod4j.run("get", "pods", "--foo").stderr()).isEqualTo("error: unknown flag: --foo\nSee 'pod4j get --help' for usage.\n");
    }

    @Test
    void editsLabelsInTheEditorAndRefusesSpecChangesAsKubectlEditDoes() {
        var edited = pod4j.run(java.util.Map.of("KUBE_EDITOR", "sed -i s/app:\\ web/app:\\ edited/"), null, "edit", "pod", "fid-web");
        assertThat(edited.stdout()).as(edited.toString()).isEqualTo("pod/fid-web edited\n");
        assertThat(pod4j.run("get", "pods", "-l", "app=edited", "-o", "name").stdout()).isEqualTo("pod/fid-web\n");
        var refused = pod4j.run(java.util.Map.of("KUBE_EDITOR", "sed -i s/sleep/nap/"), null, "edit", "pod", "fid-web");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).startsWith("error: pods \"fid-web\" is invalid\nA copy of your changes has been stored to \"")
                .endsWith("\"\nerror: Edit cancelled, no valid changes were saved.\n");
        var unchanged = pod4j.run(java.util.Map.of("KUBE_EDITOR", "true"), null, "edit", "pod/fid-web");
        assertThat(unchanged.stderr()).isEqualTo("Edit cancelled, no changes made.\n");
        pod4j.run("label", "pod", "fid-web", "app=web", "--overwrite");
    }

    @Test
    void runsAnAttachedPodAndRemovesItAsKubectlRunDashIRmDoes() {
        var cat = pod4j.runWithInput("hello\n", "run", "fid-cat", "-i", "--rm", "--restart=Never", "--image=pod4j-test/busybox:1",
                "--", "cat");
        assertThat(cat.exitCode()).as(cat.toString()).isZero();
        assertThat(cat.stdout()).isEqualTo("hello\npod \"fid-cat\" deleted\n");
        assertThat(cat.stderr()).isEqualTo("If you don't see a command prompt, try pressing enter.\n");
        var failing = pod4j.runWithInput("exit 3\n", "run", "fid-sh", "-i", "--rm", "--restart=Never", "--image=pod4j-test/busybox:1",
                "--", "sh");
        assertThat(failing.exitCode()).as(failing.toString()).isEqualTo(3);
        assertThat(failing.stderr()).contains("pod default/fid-sh terminated (Error)");
        assertThat(pod4j.run("get", "pod", "fid-sh").exitCode()).isEqualTo(1);
    }

    @Test
    void deletesANamespaceWithItsPods() {
        assertThat(pod4j.run("run", "fid-in-ns", "--image=pod4j-test/busybox:1", "-n", "fid-ns", "--command", "--", "sleep", "3600")
                .exitCode()).isZero();
        var deleted = pod4j.run("delete", "namespace", "fid-ns", "--grace-period=1");
        assertThat(deleted.stdout()).isEqualTo("namespace \"fid-ns\" deleted\n");
        assertThat(pod4j.run("get", "pods", "-n", "fid-ns").stderr()).isEqualTo("No resources found in fid-ns namespace.\n");
        String own = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: fid-own\n  namespace: fid-own-ns\nspec:\n"
                + "  terminationGracePeriodSeconds: 1\n  containers:\n  - name: c\n    image: pod4j-test/busybox:1\n";
        assertThat(pod4j.runWithInput(own, "apply", "-f", "-", "-n", "other").stderr()).isEqualTo("error: the namespace from the"
                + " provided object \"fid-own-ns\" does not match the namespace \"other\". You must pass '--namespace=fid-own-ns'"
                + " to perform this operation.\n");
        assertThat(pod4j.runWithInput(own, "apply", "-f", "-").stdout()).isEqualTo("pod/fid-own created\n");
        assertThat(pod4j.runWithInput(own, "delete", "-f", "-").stdout()).isEqualTo("pod \"fid-own\" deleted\n");
        assertThat(pod4j.run("delete", "ns", "default").stderr())
                .isEqualTo("Error from server (Forbidden): namespaces \"default\" is forbidden: this namespace may not be deleted\n");
    }

    @Test
    void printsDeletedBeforeWaitingForThePodToGo() throws Exception {
        // sleep as PID 1 ignores SIGTERM, so the pod takes its whole grace period to go.
        assertThat(pod4j.run("run", "fid-gone", "--image=pod4j-test/busybox:1", "--command", "--", "sleep", "3600").exitCode()).isZero();
        assertThat(pod4j.run("wait", "--for=condition=Ready", "pod/fid-gone", "--timeout=60s").exitCode()).isZero();
        Process delete = pod4j.start("delete", "pod", "fid-gone", "--grace-period=3");
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(delete.getInputStream()));
        assertThat(out.readLine()).isEqualTo("pod \"fid-gone\" deleted");
        assertThat(delete.isAlive()).as("still waiting for the pod to go").isTrue();
        assertThat(pod4j.run("get", "pod", "fid-gone").stdout()).contains("Terminating");
        assertThat(delete.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(delete.exitValue()).isZero();
        assertThat(pod4j.run("get", "pod", "fid-gone").stderr()).isEqualTo("Error from server (NotFound): pods \"fid-gone\" not found\n");
        var waitGone = pod4j.run("wait", "--for=delete", "pod/fid-gone");
        assertThat(waitGone.exitCode()).isZero();
        assertThat(waitGone.stdout() + waitGone.stderr()).isEmpty();
        var again = pod4j.runWithInput("apiVersion: v1\nkind: Pod\nmetadata:\n  name: fid-gone\nspec:\n  containers:\n"
                + "  - name: c\n    image: pod4j-test/busybox:1\n", "delete", "-f", "-");
        assertThat(again.stderr()).isEqualTo("Error from server (NotFound): error when deleting \"STDIN\": pods \"fid-gone\" not found\n");
    }
}
