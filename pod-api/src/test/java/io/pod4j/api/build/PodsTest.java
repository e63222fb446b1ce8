package io.pod4j.api.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.pod4j.api.yaml.Manifests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodsTest {

    @Test
    void buildsTheFabric8PodTheYamlDescribes() {
        Pod pod = Pods.named("web")
                .namespace("shop")
                .label("app", "web")
                .annotation("note", "x")
                .container("httpd", c -> c
                        .image("pod4j-test/busybox:1")
                        .command("httpd", "-f")
                        .port("http", 8080)
                        .env("MODE", "demo")
                        .limit("memory", "64Mi")
                        .mount("data", "/data")
                        .readinessProbe(Probes.httpGet("/ready", "http")))
                .sidecar("log-shipper", c -> c.image("pod4j-test/busybox:1").command("tail", "-F", "/data/app.log"))
                .volume(Volumes.emptyDir("data"))
                .restartPolicy("Never")
                .nodeSelector("disk", "ssd")
                .build();

        assertThat(Manifests.toYaml(pod)).isEqualTo("""
                apiVersion: v1
                kind: Pod
                metadata:
                  annotations:
                    note: x
                  labels:
                    app: web
                  name: web
                  namespace: shop
                spec:
                  containers:
                  - command:
                    - httpd
                    - -f
                    env:
                    - name: MODE
                      value: demo
                    image: pod4j-test/busybox:1
                    name: httpd
                    ports:
                    - containerPort: 8080
                      name: http
                    readinessProbe:
                      httpGet:
                        path: /ready
                        port: http
                    resources:
                      limits:
                        memory: 64Mi
                    volumeMounts:
                    - mountPath: /data
                      name: data
                  initContainers:
                  - command:
                    - tail
                    - -F
                    - /data/app.log
                    image: pod4j-test/busybox:1
                    name: log-shipper
                    restartPolicy: Always
                  nodeSelector:
                    disk: ssd
                  restartPolicy: Never
                  volumes:
                  - emptyDir: {}
                    name: data
                """);
    }

    @Test
    void buildsWithoutDefaultsOrValidationSoAdmissionIsAStepOfItsOwn() {
        Pod invalid = Pods.named("Not_A_Name").container("c", c -> c.port(70000)).build();

        assertThat(invalid.getMetadata().getName()).isEqualTo("Not_A_Name");
        assertThat(invalid.getMetadata().getNamespace()).isNull();
        assertThat(invalid.getSpec().getRestartPolicy()).isNull();
        assertThat(invalid.getSpec().getContainers().get(0).getImage()).isNull();
    }

    @Test
    void givesANewPodOnEveryBuildThatLaterChangesDoNotReach() {
        Pods.Builder builder = Pods.named("web").container("c", c -> c.image("a:1"));
        Pod first = builder.build();

        first.getSpec().getContainers().get(0).setImage("changed:1");
        builder.label("more", "x");

        assertThat(builder.build().getSpec().getContainers().get(0).getImage()).isEqualTo("a:1");
        assertThat(first.getMetadata().getLabels()).doesNotContainKey("more");
    }

    @Test
    void reachesEveryOtherFieldThroughTheSpecAndContainerEscapeHatches() {
        Pod pod = Pods.generated("job-")
                .spec(s -> s.setPriorityClassName("batch"))
                .metadata(m -> m.setFinalizers(List.of("example.com/keep")))
                .container("c", c -> c.image("x:1").edit(x -> x.setWorkingDir("/w")))
                .build();

        assertThat(pod.getMetadata().getGenerateName()).isEqualTo("job-");
        assertThat(pod.getMetadata().getName()).isNull();
        assertThat(pod.getSpec().getPriorityClassName()).isEqualTo("batch");
        assertThat(pod.getMetadata().getFinalizers()).containsExactly("example.com/keep");
        assertThat(pod.getSpec().getContainers().get(0).getWorkingDir()).isEqualTo("/w");
    }

    @Test
    void acceptsContainersAndVolumesBuiltWithFabric8sBuilders() {
        Container built = new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("f").withImage("x:1").build();

        Pod pod = Pods.named("p").container(built).volume(Volumes.configMap("cfg", "settings")).build();
        built.setImage("changed:1");

        assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("x:1");
        assertThat(pod.getSpec().getVolumes().get(0).getConfigMap().getName()).isEqualTo("settings");
    }

    @Test
    void writesProbesWithOnlyTheirHandlerSet() {
        assertThat(Probes.tcpSocket(80).getTcpSocket().getPort()).isEqualTo(new IntOrString(80));
        assertThat(Probes.exec("true").getExec().getCommand()).containsExactly("true");
        assertThat(Probes.grpc(9090).getGrpc().getPort()).isEqualTo(9090);
        assertThat(Probes.httpGet("/", 80).getPeriodSeconds()).isNull();
    }

    @Test
    void setsResourceRequestsAndLimitsAsQuantities() {
        Container c = Containers.build("c", b -> b.request("cpu", "250m").limit("cpu", "1"));

        assertThat(c.getResources().getRequests()).isEqualTo(Map.of("cpu", new Quantity("250m")));
        assertThat(c.getResources().getLimits()).isEqualTo(Map.of("cpu", new Quantity("1")));
    }
}
