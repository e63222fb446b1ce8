package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.store.ListOptions;
import io.pod4j.store.ResourceTypes;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The installed kubectl over StatefulSets and their claims: apply, rollout status/history/undo, get's tables. */
class KubectlStatefulIT {

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension();

    private static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: db
            spec:
              serviceName: db
              replicas: 2
              podManagementPolicy: Parallel
              selector:
                matchLabels: {app: db}
              template:
                metadata:
                  labels: {app: db}
                spec:
                  terminationGracePeriodSeconds: 0
                  containers:
                  - name: app
                    image: pod4j-test/busybox:1
                    command: ["sleep", "3600"]
                    volumeMounts: [{name: data, mountPath: /data}]
              volumeClaimTemplates:
              - metadata: {name: data}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Mi}}
            """;

    @AfterAll
    static void deleteWorkloads() {
        API.kubectl("delete", "statefulsets", "--all", "--cascade=foreground", "--timeout=90s").ok();
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> API.engine().store()
                .list(ResourceTypes.PODS, ListOptions.all().withLabelSelector("app=db")).items().isEmpty());
    }

    @Test
    void aStatefulSetRollsOutRollsBackAndPrintsItsClaimsAsAClusterDoes() {
        assertThat(API.kubectlWithInput(STATEFUL_SET, "apply", "-f", "-").ok().out()).isEqualTo("statefulset.apps/db created\n");
        assertThat(API.kubectl("rollout", "status", "statefulset/db", "--timeout=90s").ok().out())
                .endsWith("partitioned roll out complete: 2 new pods have been updated...\n");
        assertThat(API.kubectl("get", "sts").ok().out()).containsPattern("db +2/2 +");
        String claims = API.kubectl("get", "pvc").ok().out();
        assertThat(claims.lines().findFirst().orElseThrow())
                .matches("NAME +STATUS +VOLUME +CAPACITY +ACCESS MODES +STORAGECLASS +VOLUMEATTRIBUTESCLASS +AGE");
        assertThat(claims).containsPattern("data-db-0 +Bound +pvc-[0-9a-f-]+ +1Mi +RWO +standard +<unset> +")
                .containsPattern("data-db-1 +Bound +");
        assertThat(API.kubectl("get", "sc").ok().out())
                .containsPattern("standard \\(default\\) +pod4j.io/docker-volume +Delete +Immediate +false +");
        assertThat(API.kubectl("get", "pv").ok().out()).containsPattern("pvc-[0-9a-f-]+ +1Mi +RWO +Delete +Bound +default/data-db-0 +standard");

        API.kubectl("set", "env", "statefulset/db", "VERSION=2").ok();
        API.kubectl("rollout", "status", "statefulset/db", "--timeout=90s").ok();
        String history = API.kubectl("rollout", "history", "statefulset/db").ok().out();
        assertThat(history).startsWith("statefulset.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n");
        assertThat(API.kubectl("get", "controllerrevisions").ok().out()).containsPattern("db-[a-z0-9]+ +statefulset.apps/db +2 +");

        assertThat(API.kubectl("rollout", "undo", "statefulset/db").ok().out()).isEqualTo("statefulset.apps/db rolled back\n");
        API.kubectl("rollout", "status", "statefulset/db", "--timeout=90s").ok();
        assertThat(API.kubectl("get", "pod", "db-1", "-o", "jsonpath={.spec.containers[0].env}").ok().out()).isEmpty();
        assertThat(API.kubectl("rollout", "history", "statefulset/db").ok().out()).contains("2         <none>\n3         <none>\n");
    }
}
