package io.pod4j.cli.verbs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.api.model.Container;
import io.pod4j.api.model.ObjectMeta;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.PodSpec;
import java.util.List;
import java.util.Map;
import io.pod4j.api.yaml.Manifests;
import org.junit.jupiter.api.Test;

class RunCommandTest {

    @Test
    void printsADryRunPodAsKubectlRunBuildsIt() {
        // As the command builds it: the records without the API server's defaults.
        Pod bare = new Pod("v1", "Pod", ObjectMeta.builder().name("redis").labels(Map.of("run", "redis")).build(),
                PodSpec.builder().containers(List.of(Container.builder().name("redis").image("redis").build()))
                        .restartPolicy("Always").build(), null);
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
