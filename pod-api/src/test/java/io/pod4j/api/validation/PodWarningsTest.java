package io.pod4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Pods;
import io.pod4j.api.build.Probes;
import io.pod4j.api.yaml.Manifests;
import org.junit.jupiter.api.Test;

class PodWarningsTest {

    @Test
    void saysNothingOfAPodTheEngineRunsAsWrittenEvenWhenDefaulted() {
        Pod pod = Pods.named("web").label("app", "web")
                .container("c", c -> c.image("x:1").port(80).env("A", "1").readinessProbe(Probes.httpGet("/", 80))
                        .limit("memory", "64Mi").mount("data", "/data"))
                .sidecar("s", c -> c.image("x:1"))
                .volume(io.pod4j.api.build.Volumes.emptyDir("data"))
                .build();

        assertThat(PodWarnings.of(PodDefaults.apply(pod))).isEmpty();
    }

    @Test
    void namesEachFieldNotActedOnOnceAtItsFirstOccurrence() {
        Pod pod = Manifests.loadPod("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  hostUsers: false
                  schedulingGates: [{name: a}]
                  containers:
                  - name: a
                    image: x
                    resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}]
                    volumeMounts: [{name: d, mountPath: /d, readOnly: true, recursiveReadOnly: Enabled}]
                  - name: b
                    image: x
                    resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}]
                  volumes:
                  - {name: d, persistentVolumeClaim: {claimName: d}}
                  - {name: e, emptyDir: {medium: Memory, sizeLimit: 1Gi}}
                """);

        assertThat(PodWarnings.of(pod)).containsExactly(
                "spec.containers[0].resizePolicy: " + PodWarnings.NOT_ACTED_ON,
                "spec.containers[0].volumeMounts[0].recursiveReadOnly: " + PodWarnings.NOT_ACTED_ON,
                "spec.hostUsers: " + PodWarnings.NOT_ACTED_ON,
                "spec.schedulingGates: " + PodWarnings.NOT_ACTED_ON,
                "spec.volumes[0].persistentVolumeClaim: " + PodWarnings.NOT_ACTED_ON);
    }

    @Test
    void saysNothingOfTheFieldsTheEngineOrAdmissionActOn() {
        Pod pod = Manifests.loadPod("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  priorityClassName: system-cluster-critical
                  imagePullSecrets: [{name: reg}]
                  dnsPolicy: None
                  dnsConfig: {nameservers: [1.1.1.1], searches: [a.example], options: [{name: ndots, value: "2"}]}
                  resources: {limits: {memory: 64Mi}}
                  schedulerName: default-scheduler
                  securityContext: {seccompProfile: {type: RuntimeDefault}}
                  containers:
                  - name: a
                    image: x
                    securityContext: {seccompProfile: {type: Localhost, localhostProfile: p.json}}
                  volumes:
                  - {name: m, emptyDir: {medium: Memory, sizeLimit: 1Gi}}
                """);

        assertThat(PodWarnings.of(pod)).isEmpty();
    }

    @Test
    void warnsOfTheFieldsNoPartOfPod4jActsOn() {
        Pod pod = Manifests.loadPod("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  resources: {requests: {cpu: 100m}}
                  schedulerName: my-scheduler
                  securityContext: {fsGroup: 2000, supplementalGroups: [3000], sysctls: [{name: net.core.somaxconn, value: "1024"}]}
                  containers:
                  - name: a
                    image: x
                    volumeMounts: [{name: d, mountPath: /d, mountPropagation: HostToContainer}]
                  volumes:
                  - {name: d, emptyDir: {sizeLimit: 1Gi}}
                """);

        assertThat(PodWarnings.of(pod)).containsExactly(
                "spec.containers[0].volumeMounts[0].mountPropagation: " + PodWarnings.NOT_ACTED_ON,
                "spec.resources.requests: " + PodWarnings.NOT_ACTED_ON,
                "spec.schedulerName: " + PodWarnings.NOT_ACTED_ON,
                "spec.securityContext.fsGroup: " + PodWarnings.NOT_ACTED_ON,
                "spec.securityContext.supplementalGroups: " + PodWarnings.NOT_ACTED_ON,
                "spec.securityContext.sysctls: " + PodWarnings.NOT_ACTED_ON,
                "spec.volumes[0].emptyDir.sizeLimit: " + PodWarnings.NOT_ACTED_ON);
    }
}
