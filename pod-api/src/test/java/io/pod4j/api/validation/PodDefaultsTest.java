package io.pod4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.pod4j.api.yaml.Manifests;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodDefaultsTest {

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              hostNetwork: true
              containers:
              - name: c
                image: busybox
                ports: [{containerPort: 80}]
                readinessProbe: {httpGet: {port: 80}}
                livenessProbe: {grpc: {port: 9090}}
                env: [{name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
                resources: {limits: {cpu: 500m}, requests: {memory: 64Mi}}
              - {name: d, image: 'busybox:1.36'}
              volumes:
              - name: token
                projected:
                  sources:
                  - serviceAccountToken: {path: token}
                  - downwardAPI: {items: [{path: name, fieldRef: {fieldPath: metadata.name}}]}
              - {name: cfg, configMap: {name: settings}}
              - {name: host, hostPath: {path: /srv}}
              - {name: weights, image: {reference: example.com/weights}}
            """;

    @Test
    void fillsInWhatTheApiServerStores() {
        Pod pod = PodDefaults.apply(Manifests.loadPod(POD));

        assertThat(pod.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(30L);
        assertThat(pod.getSpec().getDnsPolicy()).isEqualTo("ClusterFirst");
        assertThat(pod.getSpec().getSchedulerName()).isEqualTo("default-scheduler");
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("default");
        assertThat(pod.getSpec().getEnableServiceLinks()).isTrue();
        assertThat(pod.getSpec().getPriority()).as("the Priority admission sets it, not defaulting").isNull();
        assertThat(pod.getSpec().getSecurityContext()).isNotNull();
        Container c = pod.getSpec().getContainers().get(0);
        assertThat(c.getImagePullPolicy()).isEqualTo("Always");
        assertThat(pod.getSpec().getContainers().get(1).getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(c.getPorts().get(0).getProtocol()).isEqualTo("TCP");
        assertThat(c.getPorts().get(0).getHostPort()).as("hostNetwork: the host's port is the container's").isEqualTo(80);
        assertThat(c.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
        assertThat(c.getTerminationMessagePolicy()).isEqualTo("File");
        assertThat(c.getEnv().get(0).getValueFrom().getFieldRef().getApiVersion()).isEqualTo("v1");
        assertThat(c.getResources().getRequests()).containsEntry("cpu", new Quantity("500m"))
                .containsEntry("memory", new Quantity("64Mi"));
        Probe probe = c.getReadinessProbe();
        assertThat(List.of(probe.getPeriodSeconds(), probe.getTimeoutSeconds(), probe.getSuccessThreshold(),
                probe.getFailureThreshold())).containsExactly(10, 1, 1, 3);
        assertThat(probe.getHttpGet().getPath()).isEqualTo("/");
        assertThat(probe.getHttpGet().getScheme()).isEqualTo("HTTP");
        assertThat(c.getLivenessProbe().getGrpc().getService()).isEmpty();
    }

    @Test
    void fillsInTheDefaultsOfVolumes() {
        Pod pod = PodDefaults.apply(Manifests.loadPod(POD));

        var volumes = pod.getSpec().getVolumes();
        assertThat(volumes.get(0).getProjected().getDefaultMode()).isEqualTo(0644);
        assertThat(volumes.get(0).getProjected().getSources().get(0).getServiceAccountToken().getExpirationSeconds())
                .isEqualTo(3600L);
        assertThat(volumes.get(0).getProjected().getSources().get(1).getDownwardAPI().getItems().get(0).getFieldRef()
                .getApiVersion()).isEqualTo("v1");
        assertThat(volumes.get(1).getConfigMap().getDefaultMode()).isEqualTo(0644);
        assertThat(volumes.get(2).getHostPath().getType()).isEmpty();
        assertThat(volumes.get(3).getImage().getPullPolicy()).isEqualTo("Always");
    }

    @Test
    void leavesThePodItIsGivenUnchanged() {
        Pod written = Manifests.loadPod(POD);
        String before = Manifests.toYaml(written);

        PodDefaults.apply(written);

        assertThat(Manifests.toYaml(written)).isEqualTo(before);
    }

    @Test
    void changesNothingTheSecondTime() {
        Pod once = PodDefaults.apply(Manifests.loadPod(POD));

        assertThat(PodDefaults.apply(once)).isEqualTo(once);
    }

    @Test
    void keepsAnExplicitNamespaceAndSettings() {
        Pod pod = PodDefaults.apply(Manifests.loadPod(POD.replace("metadata: {name: p}",
                "metadata: {name: p, namespace: shop}").replace("  hostNetwork: true", "  restartPolicy: Never")));

        assertThat(pod.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    }

    @Test
    void picksThePullPolicyByTagAndDigest() {
        assertThat(PodDefaults.pullPolicyFor("nginx")).isEqualTo("Always");
        assertThat(PodDefaults.pullPolicyFor("nginx:latest")).isEqualTo("Always");
        assertThat(PodDefaults.pullPolicyFor("localhost:5000/nginx")).isEqualTo("Always");
        assertThat(PodDefaults.pullPolicyFor("nginx:1.27")).isEqualTo("IfNotPresent");
        assertThat(PodDefaults.pullPolicyFor("nginx@sha256:abc")).isEqualTo("IfNotPresent");
    }
}
