package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.store.ListOptions;
import io.pod4j.store.ResourceTypes;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The installed kubectl over a Service of a Deployment: apply, its Endpoints and EndpointSlice, delete. */
class KubectlServicesIT {

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension();

    private static final String MANIFEST = """
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
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports:
              - port: 80
                targetPort: 8080
            """;

    @AfterAll
    static void deleteWorkloads() {
        // The controllers would replace pods the extension deletes: the Deployment goes first, its pods with it.
        API.kubectl("delete", "deployments,services", "--all", "--cascade=foreground", "--timeout=90s").ok();
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> API.engine().store()
                .list(ResourceTypes.REPLICA_SETS, ListOptions.all()).items().isEmpty());
    }

    @Test
    void aServiceOfTwoReadyPodsListsBothAsEndpointsUntilItIsDeleted() {
        assertThat(API.kubectlWithInput(MANIFEST, "apply", "-f", "-").ok().out())
                .isEqualTo("deployment.apps/web created\nservice/web created\n");

        String services = API.kubectl("get", "svc").ok().out();
        assertThat(services.lines().findFirst().orElseThrow()).matches("NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\\(S\\) +AGE");
        assertThat(services).containsPattern("web +ClusterIP +10\\.\\d+\\.\\d+\\.\\d+ +<none> +80/TCP +");
        assertThat(API.kubectl("get", "svc", "web", "-o", "wide").ok().out()).containsPattern("app=web\n");

        API.kubectl("rollout", "status", "deployment/web", "--timeout=90s").ok();
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                API.kubectl("get", "endpoints", "web").ok().out())
                .containsPattern("web +\\d+\\.\\d+\\.\\d+\\.\\d+:8080,\\d+\\.\\d+\\.\\d+\\.\\d+:8080 +"));
        String slices = API.kubectl("get", "endpointslices", "-l", "kubernetes.io/service-name=web").ok().out();
        assertThat(slices.lines().findFirst().orElseThrow()).matches("NAME +ADDRESSTYPE +PORTS +ENDPOINTS +AGE");
        assertThat(slices).containsPattern("web-[a-z0-9]+ +IPv4 +8080 +\\d+\\.\\d+\\.\\d+\\.\\d+,\\d+\\.\\d+\\.\\d+\\.\\d+ +");

        assertThat(API.kubectl("delete", "svc", "web").ok().out()).isEqualTo("service \"web\" deleted\n");
        assertThat(API.kubectl("get", "svc").ok().out()).doesNotContain("web ");
    }
}
