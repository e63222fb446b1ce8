package io.pod4j.cli.print;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.api.model.ContainerState;
import io.pod4j.api.model.ContainerStateRunning;
import io.pod4j.api.model.ContainerStateTerminated;
import io.pod4j.api.model.ContainerStatus;
import io.pod4j.api.model.EnvVar;
import io.pod4j.api.model.EnvVarSource;
import io.pod4j.api.model.Event;
import io.pod4j.api.model.EventSource;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.PodCondition;
import io.pod4j.api.model.PodStatus;
import io.pod4j.api.model.Probe;
import io.pod4j.api.model.SecretKeySelector;
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
        Pod pod = Pod.named("web").label("app", "web")
                .container("httpd", c -> c.image("busybox:1.36").command("httpd", "-f", "-p", "8080").port(8080)
                        .readinessProbe(Probe.tcpSocket(8080))
                        .addEnv(EnvVar.builder().name("MODE").value("demo").build())
                        .addEnv(EnvVar.builder().name("TOKEN").valueFrom(EnvVarSource.builder()
                                .secretKeyRef(SecretKeySelector.builder().name("creds").key("token").build()).build()).build()))
                .build();
        Instant started = Instant.parse("2026-11-24T09:58:00Z");
        PodStatus status = PodStatus.builder().phase("Running").podIP("172.24.0.5").hostIP("172.24.0.1").startTime(started)
                .qosClass("BestEffort")
                .conditions(List.of(
                        PodCondition.builder().type("Initialized").status("True").build(),
                        PodCondition.builder().type("Ready").status("True").build(),
                        PodCondition.builder().type("PodScheduled").status("True").build()))
                .containerStatuses(List.of(ContainerStatus.builder().name("httpd").ready(true).restartCount(1)
                        .containerID("docker://abc").imageID("docker-pullable://sha256:def").image("busybox:1.36")
                        .state(ContainerState.builder().running(ContainerStateRunning.builder().startedAt(started).build()).build())
                        .lastState(ContainerState.builder().terminated(ContainerStateTerminated.builder().exitCode(1).reason("Error")
                                .startedAt(Instant.parse("2026-11-24T09:57:00Z")).finishedAt(Instant.parse("2026-11-24T09:57:30Z"))
                                .build()).build())
                        .build()))
                .build();
        return pod.withStatus(status);
    }

    private static Event event(String type, String reason, int count, String message) {
        return Event.builder().type(type).reason(reason).count(count).message(message)
                .source(EventSource.builder().component("kubelet").build())
                .firstTimestamp(Instant.parse("2026-11-24T09:58:00Z")).lastTimestamp(Instant.parse("2026-11-24T09:59:30Z")).build();
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
