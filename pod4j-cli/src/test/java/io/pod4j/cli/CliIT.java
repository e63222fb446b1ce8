package io.pod4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./pod4j} is the installed kubectl against the supervisor's API server: the user's
 * arguments, standard streams and exit code are kubectl's own, and the kubeconfig works from any
 * shell. The verbs here are those pod-apiserver's kubectl tests do not run (describe, edit,
 * events, custom columns, exec in a terminal, apply of a new image); one pod, started once,
 * serves most of them.
 */
class CliIT {

    private static final String POD = "cli-web";
    private static final String MANIFEST = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: cli-page
            data:
              index.html: hello
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: cli-web
              labels:
                tier: web
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: web
                image: pod4j-test/busybox:1
                command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
                volumeMounts:
                - name: page
                  mountPath: /www
              volumes:
              - name: page
                configMap:
                  name: cli-page
            """;

    private static Pod4jProcess pod4j;

    @BeforeAll
    static void podFromStandardInput() {
        pod4j = new Pod4jProcess("cli");
        Pod4jProcess.Result applied = pod4j.runWithInput(MANIFEST, "apply", "-f", "-");
        assertThat(applied.stdout()).as(applied.toString()).isEqualTo("configmap/cli-page created\npod/cli-web created\n");
        assertThat(pod4j.run("wait", "--for=condition=Ready", "pod/" + POD, "--timeout=60s").exitCode()).isZero();
    }

    @AfterAll
    static void tearDown() throws Exception {
        pod4j.cleanUp();
    }

    @Test
    void theKubeconfigIsTheUsersAloneAndTheInstalledKubectlReachesTheSameServerWithIt() throws Exception {
        Pod4jProcess.Result r = pod4j.run("kubeconfig");

        Path kubeconfig = Path.of(r.stdout().strip());
        assertThat(kubeconfig).isEqualTo(pod4j.stateDir().resolve("apiserver/kubeconfig"));
        assertThat(Files.getPosixFilePermissions(kubeconfig))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(pod4j.kubectl("--kubeconfig", kubeconfig.toString(), "get", "pods", "-o", "name").stdout())
                .isEqualTo("pod/" + POD + "\n");
    }

    @Test
    void kubectlsErrorAndExitCodeAreTheCommands() {
        Pod4jProcess.Result missing = pod4j.run("get", "pod", "cli-nope");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("Error from server (NotFound): pods \"cli-nope\" not found\n");

        Pod4jProcess.Result exec = pod4j.run("exec", POD, "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(exec.exitCode()).as(exec.toString()).isEqualTo(3);
        assertThat(exec.stdout()).isEqualTo("out\n");
        assertThat(exec.stderr()).startsWith("err\n");
    }

    @Test
    void execWithATerminalGivesTheCommandTheTerminal() {
        Pod4jProcess.Result r = pod4j.inTerminal("exec", "-it", POD, "--", "sh", "-c", "tty; exit 4");

        assertThat(r.stdout()).as(r.toString()).contains("/dev/pts/");
        assertThat(r.exitCode()).isEqualTo(4);
    }

    @Test
    void describePodShowsContainersConditionsAndEvents() {
        String out = pod4j.run("describe", "pod", POD).stdout();

        assertThat(out).startsWith("Name:             " + POD + "\nNamespace:        default\n")
                .contains("Labels:           tier=web\n", "Status:           Running\n", "    Image:         pod4j-test/busybox:1\n",
                        "  Ready                       True \n", "    Type:        ConfigMap (a volume populated by a ConfigMap)\n    Name:        cli-page\n")
                .containsPattern("Normal  Started    \\S+\\s+kubelet            Started container web\n");
    }

    @Test
    void describeNodeShowsTheEngineNodeAndItsPods() {
        String out = pod4j.run("describe", "node").stdout();

        assertThat(out).contains("Labels:             beta.kubernetes.io/arch=", "Ready   True", "Container Runtime Version:  docker://",
                "Non-terminated Pods:          (1 in total)").containsPattern("\\n  default\\s+" + POD + "\\s+0 \\(0%\\)");
    }

    @Test
    void eventsForAPodListWhatTheSchedulerAndKubeletDid() {
        List<String> lines = pod4j.run("events", "--for", "pod/" + POD).stdout().lines().toList();

        assertThat(lines.get(0)).matches("LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("Scheduled", "Pod/" + POD, "Successfully assigned default/" + POD))
                .anySatisfy(l -> assertThat(l).contains("Started", "Started container web"));
    }

    @Test
    void customColumnsPrintTheChosenFieldsAndNoneForWhatIsMissing() {
        String out = pod4j.run("get", "pods", "-o", "custom-columns=NAME:.metadata.name,TIER:.metadata.labels.tier,"
                + "NODE:.spec.nodeName,GATES:.spec.readinessGates").stdout();

        List<String> rows = out.lines().toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).matches("NAME\\s+TIER\\s+NODE\\s+GATES");
        assertThat(rows.get(1)).matches(POD + "\\s+web\\s+\\S+\\s+<none>");
    }

    @Test
    void editSavesWhatTheEditorChanged() throws Exception {
        Path editor = pod4j.stateDir().resolveSibling("cli-editor.sh");
        Files.writeString(editor, "#!/bin/sh\nsed -i 's/tier: web/tier: edited/' \"$1\"\n");
        editor.toFile().setExecutable(true);
        try {
            Pod4jProcess.Result r = pod4j.run(Map.of("KUBE_EDITOR", editor.toString()), null, "edit", "pod", POD);

            assertThat(r.stdout()).as(r.toString()).isEqualTo("pod/" + POD + " edited\n");
            assertThat(pod4j.run("get", "pod", POD, "-o", "jsonpath={.metadata.labels.tier}").stdout()).isEqualTo("edited");
        } finally {
            pod4j.run("label", "pod", POD, "tier=web", "--overwrite");
        }
    }

    @Test
    void applyingANewImageRestartsTheContainerFromIt() throws Exception {
        String updated = "pod4j-test/busybox:cli-image-update";
        assertThat(new ProcessBuilder("docker", "tag", "pod4j-test/busybox:1", updated).start().waitFor()).isZero();
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: cli-retagged
                spec:
                  containers:
                  - name: app
                    image: %s
                    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done"]
                """;
        try {
            assertThat(pod4j.runWithInput(yaml.formatted("pod4j-test/busybox:1"), "apply", "-f", "-").stdout())
                    .isEqualTo("pod/cli-retagged created\n");
            assertThat(pod4j.run("wait", "--for=condition=Ready", "pod/cli-retagged", "--timeout=60s").exitCode()).isZero();

            assertThat(pod4j.runWithInput(yaml.formatted(updated), "apply", "-f", "-").stdout())
                    .isEqualTo("pod/cli-retagged configured\n");

            assertThat(pod4j.run("wait", "--for=jsonpath={.status.containerStatuses[0].restartCount}=1", "pod/cli-retagged",
                    "--timeout=60s").exitCode()).isZero();
            assertThat(pod4j.run("get", "pod", "cli-retagged", "-o", "jsonpath={.status.containerStatuses[0].image}").stdout())
                    .isEqualTo(updated);
            assertThat(pod4j.run("describe", "pod", "cli-retagged").stdout())
                    .contains("Container app definition changed, will be restarted");
        } finally {
            pod4j.run("delete", "pod", "cli-retagged", "--grace-period=0", "--force");
            new ProcessBuilder("docker", "rmi", updated).start().waitFor();
        }
    }
}
