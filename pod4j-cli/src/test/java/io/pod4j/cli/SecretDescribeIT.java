package io.pod4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ./pod4j describe} and {@code get -o wide} of a pod using a Secret never print the Secret's values. */
class SecretDescribeIT {

    private static Pod4jProcess pod4j;

    @BeforeAll
    static void setUp() {
        pod4j = new Pod4jProcess("secret-describe");
    }

    @AfterAll
    static void tearDown() throws Exception {
        pod4j.cleanUp();
    }

    @Test
    void describeShowsWhereASecretValueComesFromButNeverTheValue() throws Exception {
        String value = "s3cr3t-" + Long.toHexString(System.nanoTime());
        Path manifest = pod4j.stateDir().resolveSibling("secret-describe.yaml");
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  labels:\n    tier: db\n"
                + "stringData:\n  password: " + value + "\n---\n"
                + "apiVersion: v1\nkind: Pod\nmetadata:\n  name: uses-secret\nspec:\n  terminationGracePeriodSeconds: 1\n"
                + "  volumes:\n  - name: creds\n    secret:\n      secretName: db\n"
                + "  containers:\n  - name: app\n    image: pod4j-test/busybox:1\n    command: [\"sleep\", \"3600\"]\n"
                + "    env:\n    - name: PASSWORD\n      valueFrom:\n        secretKeyRef:\n          name: db\n          key: password\n"
                + "    volumeMounts:\n    - name: creds\n      mountPath: /etc/creds\n");
        var apply = pod4j.run("apply", "-f", manifest.toString());
        assertThat(apply.exitCode()).as(apply.toString()).isZero();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(pod4j.run("get", "pod", "uses-secret").stdout()).contains("Running"));
        var describe = pod4j.run("describe", "pod", "uses-secret");
        assertThat(describe.exitCode()).as(describe.toString()).isZero();
        assertThat(describe.stdout()).contains("<set to the key 'password' in secret 'db'>").doesNotContain(value);
        assertThat(describe.stderr()).doesNotContain(value);
        for (String[] verb : new String[][] {{"get", "pod", "uses-secret", "-o", "wide"}, {"get", "events"}}) {
            var r = pod4j.run(verb);
            assertThat(r.stdout() + r.stderr()).as(String.join(" ", verb)).doesNotContain(value);
        }
    }
}
