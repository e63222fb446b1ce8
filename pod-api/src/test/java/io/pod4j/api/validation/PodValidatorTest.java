package io.pod4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Pods;
import io.pod4j.api.error.ManifestProblem;
import io.pod4j.api.error.ManifestValidationException;
import io.pod4j.api.yaml.Manifests;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodValidatorTest {

    private static List<Violation> violations(String yaml) {
        return PodValidator.validate(PodDefaults.apply(Manifests.loadPod(yaml)));
    }

    @Test
    void collectsEveryViolationInTheApiServersWords() {
        List<Violation> found = violations("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: Bad_Name
                spec:
                  containers:
                  - name: app
                    image: x
                    ports:
                    - containerPort: 70000
                  - name: app
                    livenessProbe:
                      successThreshold: 2
                      exec: {command: ["true"]}
                      tcpSocket: {port: 80}
                """);

        assertThat(found).extracting(Violation::path).contains(
                "metadata.name", "spec.containers[0].ports[0].containerPort", "spec.containers[1].name",
                "spec.containers[1].image", "spec.containers[1].livenessProbe",
                "spec.containers[1].livenessProbe.successThreshold");
        assertThat(found).contains(
                new Violation("spec.containers[0].ports[0].containerPort",
                        "Invalid value: 70000: must be between 1 and 65535, inclusive"),
                new Violation("spec.containers[1].name", "Duplicate value: \"app\""),
                new Violation("spec.containers[1].livenessProbe", "Forbidden: may not specify more than 1 handler type"));
    }

    @Test
    void acceptsEveryVolumeTypeOfKubernetesButOnlyOnePerVolume() {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers: [{name: c, image: x}]
                  volumes:
                  - {name: data, persistentVolumeClaim: {claimName: data}}
                  - {name: weights, image: {reference: example.com/w}}
                  - {name: both, emptyDir: {}, nfs: {server: nas, path: /x}}
                  - {name: none}
                """;

        assertThat(violations(pod)).containsExactly(
                new Violation("spec.volumes[2]", "Forbidden: may not specify more than 1 volume type"),
                new Violation("spec.volumes[3]", "Required value: must specify a volume type"));
    }

    @Test
    void refusesSubPathsThatLeaveTheVolumeAndSubPathWithSubPathExpr() {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                  - name: c
                    image: x
                    volumeMounts:
                    - {name: v, mountPath: /a, subPath: /etc}
                    - {name: v, mountPath: /b, subPathExpr: "$(POD)/../x"}
                    - {name: v, mountPath: /c, subPath: logs, subPathExpr: "$(POD)"}
                  volumes: [{name: v, emptyDir: {}}]
                """;

        assertThat(violations(pod)).containsExactly(
                new Violation("spec.containers[0].volumeMounts.subPath", "Invalid value: \"/etc\": must be a relative path"),
                new Violation("spec.containers[0].volumeMounts.subPathExpr",
                        "Invalid value: \"$(POD)/../x\": must not contain '..'"),
                new Violation("spec.containers[0].volumeMounts[2].subPathExpr",
                        "Invalid value: \"$(POD)\": subPathExpr and subPath are mutually exclusive"));
    }

    @Test
    void checksAPodBuiltInJavaWithTheBuildersSource() {
        Pod pod = PodDefaults.apply(Pods.named("web").container("c", c -> c.image("x:1").port(0)).build());

        assertThatThrownBy(() -> PodValidator.check(pod)).isInstanceOf(ManifestValidationException.class)
                .satisfies(e -> assertThat(((ManifestValidationException) e).problems()).extracting(ManifestProblem::source,
                        ManifestProblem::path).containsExactly(org.assertj.core.groups.Tuple.tuple("<builder>",
                        "spec.containers[0].ports[0].containerPort")));
    }

    @Test
    void findsNothingWrongWithAValidPod() {
        Pod pod = PodDefaults.apply(Pods.named("web").container("c", c -> c.image("x:1").port(80)).build());

        assertThat(PodValidator.validate(pod)).isEmpty();
    }
}
