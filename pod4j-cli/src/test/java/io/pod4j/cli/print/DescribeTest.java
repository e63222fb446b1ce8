package io.pod4j.cli.print;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.pod4j.api.build.Pods;
import io.pod4j.api.build.Probes;
import java.time.Instant;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DescribeTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static TimeZone saved;

    @BeforeAll
    static void utc() {
        saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    }

    @AfterAll
    static void restore() {
        TimeZone.setDefault(saved);
    }

    private static Pod web() {
        Pod pod = Pods.named("web").namespace("default").label("app", "web")
                .container("httpd", c -> c.image("busybox:1.36").command("httpd", "-f", "-p", "8080").port(8080)
                        .readinessProbe(Probes.tcpSocket(8080))
                        .env("MODE", "demo")
                        .env(new EnvVarBuilder().withName("TOKEN").withNewValueFrom().withNewSecretKeyRef()
                                .withName("creds").withKey("token").endSecretKeyRef().endValueFrom().build()))
                .build();
        pod.setStatus(new PodStatusBuilder().withPhase("Running").withPodIP("172.24.0.5").withHostIP("172.24.0.1")
                .withStartTime("2026-11-24T09:58:00Z").withQosClass("BestEffort")
                .addNewCondition().withType("Initialized").withStatus("True").endCondition()
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .addNewContainerStatus().withName("httpd").withReady(true).withRestartCount(1)
                .withContainerID("docker://abc").withImageID("docker-pullable://sha256:def").withImage("busybox:1.36")
                .withNewState().withNewRunning().withStartedAt("2026-11-24T09:58:00Z").endRunning().endState()
                .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error")
                .withStartedAt("2026-11-24T09:57:00Z").withFinishedAt("2026-11-24T09:57:30Z").endTerminated().endLastState()
                .endContainerStatus()
                .build());
        return pod;
    }

    private static Event event(String type, String reason, int count, String message) {
        return new EventBuilder().withType(type).withReason(reason).withCount(count).withMessage(message)
                .withNewSource().withComponent("kubelet").endSource()
                .withFirstTimestamp("2026-11-24T09:58:00Z").withLastTimestamp("2026-11-24T09:59:30Z").build();
    }

    @Test
    void writesKubectlsLayoutAlignedSectionBySectionWithoutSecretValues() {
        String text = Describe.pod(web(), List.of(
                event("Normal", "Started", 2, "Started container httpd"),
                event("Warning", "BackOff", 1, "Back-off restarting failed container httpd in pod web_default(u)")), NOW);
        assertThat(text).isEqualTo("""
                Name:             web
                Namespace:        default
                Priority:         0
                Service Account:  default
                Node:             <none>
                Start Time:       Tue, 24 Nov 2026 09:58:00 +0000
                Labels:           app=web
                Annotations:      <none>
                Status:           Running
                IP:               172.24.0.5
                IPs:
                  IP:  172.24.0.5
                Containers:
                  httpd:
                    Container ID:  docker://abc
                    Image:         busybox:1.36
                    Image ID:      docker-pullable://sha256:def
                    Port:          8080/TCP
                    Host Port:     0/TCP
                    Command:
                      httpd
                      -f
                      -p
                      8080
                    State:          Running
                      Started:      Tue, 24 Nov 2026 09:58:00 +0000
                    Last State:     Terminated
                      Reason:       Error
                      Exit Code:    1
                      Started:      Tue, 24 Nov 2026 09:57:00 +0000
                      Finished:     Tue, 24 Nov 2026 09:57:30 +0000
                    Ready:          True
                    Restart Count:  1
                    Readiness:      tcp-socket :8080 delay=0s timeout=1s period=10s #success=1 #failure=3
                    Environment:
                      MODE:   demo
                      TOKEN:  <set to the key 'token' in secret 'creds'>  Optional: false
                    Mounts:   <none>
                Conditions:
                  Type           Status
                  Initialized    True\s
                  Ready          True\s
                  PodScheduled   True\s
                Volumes:         <none>
                QoS Class:       BestEffort
                Node-Selectors:  <none>
                Tolerations:     <none>
                Events:
                  Type     Reason   Age               From     Message
                  ----     ------   ----              ----     -------
                  Normal   Started  30s (x2 over 2m)  kubelet  Started container httpd
                  Warning  BackOff  2m                kubelet  Back-off restarting failed container httpd in pod web_default(u)
                """);
    }
}
