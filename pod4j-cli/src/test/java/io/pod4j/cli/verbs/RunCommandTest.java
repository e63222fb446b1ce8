package io.pod4j.cli.verbs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.pod4j.api.yaml.Manifests;
import org.junit.jupiter.api.Test;

class RunCommandTest {

    @Test
    void printsADryRunPodAsKubectlRunBuildsIt() {
        // As the command builds it: without the API server's defaults.
        Pod bare = new PodBuilder().withNewMetadata().withName("redis").addToLabels("run", "redis").endMetadata()
                .withNewSpec().addNewContainer().withName("redis").withImage("redis").endContainer().withRestartPolicy("Always").endSpec()
                .build();
        assertThat(Manifests.toYaml(RunCommand.asKubectlSends(bare))).isEqualTo("""
                apiVersion: v1
                kind: Pod
                metadata:
                  labels:
                    run: redis
                  name: redis
                spec:
                  containers:
                  - image: redis
                    name: redis
                    resources: {}
                  dnsPolicy: ClusterFirst
                  restartPolicy: Always
                status: {}
                """);
    }
}
