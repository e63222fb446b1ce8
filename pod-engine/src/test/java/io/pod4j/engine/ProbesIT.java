package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.pod4j.api.build.Pods;
import io.pod4j.api.build.Probes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProbesIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The first app container's status; an empty one before the pod is scheduled (as on a cluster). */
    private static ContainerStatus app(Pod p) {
        return p.getStatus().getContainerStatuses().isEmpty()
                ? new ContainerStatusBuilder().withNewState().endState().withRestartCount(0).build()
                : p.getStatus().getContainerStatuses().get(0);
    }

    private static boolean ready(Pod p) {
        return p.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    private static Probe fast(Probe p) {
        return p.toBuilder().withPeriodSeconds(1).withFailureThreshold(1).build();
    }

    @Test
    void readinessFollowsAFileAppearingAndDisappearing() {
        Pod pod = Pods.named("ready-file")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .readinessProbe(fast(Probes.exec("cat", "/tmp/ready"))))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitPhase("Running", WAIT);
            assertThat(ready(h.pod())).isFalse();
            h.exec("app", "touch", "/tmp/ready");
            h.await(ProbesIT::ready, "become Ready", WAIT);
            h.exec("app", "rm", "/tmp/ready");
            Pod unready = h.await(p -> !ready(p), "become unready", WAIT);
            assertThat(app(unready).getReady()).isFalse();
            assertThat(unready.getStatus().getConditions()).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("ContainersReady");
                assertThat(c.getReason()).isEqualTo("ContainersNotReady");
            });
            h.exec("app", "touch", "/tmp/ready");
            h.await(ProbesIT::ready, "become Ready again", WAIT);
        }
    }

    @Test
    void readinessFollowsATcpPortOpeningAndClosing() {
        Pod pod = Pods.named("ready-tcp")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "mkdir -p /www; sleep 3600").port(9000)
                        .readinessProbe(fast(Probes.tcpSocket(9000))))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitPhase("Running", WAIT);
            assertThat(ready(h.pod())).isFalse();
            h.exec("app", "httpd", "-p", "9000", "-h", "/www");
            h.await(ProbesIT::ready, "become Ready when the port opens", WAIT);
            h.exec("app", "killall", "httpd");
            h.await(p -> !ready(p), "become unready when the port closes", WAIT);
        }
    }

    @Test
    void httpGetProbeUsesANamedPortAndSendsHeaders() {
        // A tiny HTTP server that answers 200 only when the request carries the probe's header.
        String handler = """
                while read -r line; do
                  line=$(echo "$line" | tr -d '\\r')
                  [ -z "$line" ] && break
                  [ "$line" = "X-Token: s3cret" ] && ok=1
                done
                if [ -n "$ok" ]; then printf 'HTTP/1.0 200 OK\\r\\n\\r\\nok'; else printf 'HTTP/1.0 403 Forbidden\\r\\n\\r\\n'; fi
                """;
        ENGINE.engine().put(new ConfigMapBuilder()
                .withNewMetadata().withName("http-handler").withNamespace("default").endMetadata()
                .addToData("handler.sh", handler).build());
        Probe probe = new ProbeBuilder().withNewHttpGet().withPath("/healthz").withPort(new IntOrString("http"))
                .addNewHttpHeader().withName("X-Token").withValue("s3cret").endHttpHeader().endHttpGet()
                .withPeriodSeconds(1).build();
        Pod pod = Pods.named("ready-http")
                .volume(new VolumeBuilder().withName("handler").withNewConfigMap().withName("http-handler").endConfigMap().build())
                .container("web", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "while true; do nc -l -p 8080 -e sh /cfg/handler.sh; done")
                        .mount("handler", "/cfg")
                        .port("http", 8080)
                        .readinessProbe(probe))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            assertThat(h.exec("web", "cat", "/cfg/handler.sh").stdout()).isEqualTo(handler);
        }
    }

    @Test
    void livenessFailureRestartsTheContainerWithEvents() {
        Pod pod = Pods.named("liveness")
                .container("app", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "touch /tmp/alive; sleep 3600")
                        .livenessProbe(Probes.exec("cat", "/tmp/alive").toBuilder().withPeriodSeconds(1).withFailureThreshold(2)
                                .withTerminationGracePeriodSeconds(1L).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            h.exec("app", "rm", "/tmp/alive");
            Pod restarted = h.await(p -> app(p).getRestartCount() >= 1 && app(p).getState().getRunning() != null,
                    "restart after the liveness probe fails", WAIT);
            assertThat(app(restarted).getLastState().getTerminated()).isNotNull();
            assertThat(h.events()).anySatisfy(e -> {
                assertThat(e.getReason()).isEqualTo("Unhealthy");
                assertThat(e.getMessage()).startsWith("Liveness probe failed:");
            });
            assertThat(h.events()).anySatisfy(e -> {
                assertThat(e.getReason()).isEqualTo("Killing");
                assertThat(e.getMessage()).isEqualTo("Container app failed liveness probe, will be restarted");
            });
        }
    }

    @Test
    void aSlowStartupProbeHoldsLivenessOff() {
        Pod pod = Pods.named("slow-start")
                .container("app", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "sleep 3; touch /tmp/started; sleep 3600")
                        .startupProbe(Probes.exec("cat", "/tmp/started").toBuilder().withPeriodSeconds(1).withFailureThreshold(30).build())
                        .livenessProbe(Probes.exec("cat", "/tmp/started").toBuilder().withPeriodSeconds(1).withFailureThreshold(1).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitPhase("Running", WAIT);
            assertThat(app(h.pod()).getStarted()).isFalse();
            Pod ready = h.awaitReady(WAIT);
            assertThat(app(ready).getStarted()).isTrue();
            assertThat(app(ready).getRestartCount()).isZero();
            assertThat(h.events()).noneSatisfy(e -> assertThat(e.getMessage()).startsWith("Liveness probe failed"));
        }
    }

    @Test
    void eagerProbingGivesASlowStartTheTimeItsStartupProbeAllows() {
        // Budget: failureThreshold 3 x periodSeconds 2 = 6 s; the port opens after 2 s. pod4j probes far
        // more often than that before the first success, but only failures on the kubelet's schedule count.
        Pod pod = Pods.named("slow-port")
                .container("app", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "sleep 2; exec httpd -f -p 8080")
                        .startupProbe(Probes.tcpSocket(8080).toBuilder().withPeriodSeconds(2).withFailureThreshold(3).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod ready = h.awaitReady(WAIT);
            assertThat(app(ready).getRestartCount()).isZero();
            long unhealthy = h.events().stream().filter(e -> e.getReason().equals("Unhealthy"))
                    .mapToLong(e -> e.getCount() == null ? 1 : e.getCount()).sum();
            assertThat(unhealthy).as("failures reported, one per period at most").isLessThanOrEqualTo(2);
            assertThat(h.events()).noneSatisfy(e -> assertThat(e.getReason()).isEqualTo("Killing"));
        }
    }

    @Test
    void aFailingPostStartHookKillsTheContainer() {
        Pod pod = Pods.named("post-start-fails").restartPolicy("Never")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .lifecycle(new LifecycleBuilder().withNewPostStart().withNewExec().withCommand("sh", "-c", "exit 7").endExec()
                                .endPostStart().build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitPhase("Failed", WAIT);
            assertThat(h.events()).extracting(Event::getReason).contains("FailedPostStartHook");
        }
    }

    @Test
    void theNextContainerStartsOnlyAfterAPostStartHookCompletes() {
        // The hook marks the shared volume a second after its container starts; "after" exits 1 (and,
        // under Never, fails the pod) if it started before the mark was there.
        Pod pod = Pods.named("post-start-order").restartPolicy("Never")
                .volume(new VolumeBuilder().withName("shared").withNewEmptyDir().endEmptyDir().build())
                .container("hooked", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600").mount("shared", "/shared")
                        .lifecycle(new LifecycleBuilder().withNewPostStart()
                                .withNewExec().withCommand("sh", "-c", "sleep 1; touch /shared/hooked").endExec()
                                .endPostStart().build()))
                .container("after", c -> c.image(TestImages.BUSYBOX).mount("shared", "/shared")
                        .command("sh", "-c", "test -f /shared/hooked || exit 1; sleep 3600"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            assertThat(h.pod().getStatus().getContainerStatuses()).allSatisfy(s -> assertThat(s.getRestartCount()).isZero());
        }
    }

    @Test
    void preStopRunsBeforeSigtermWithinTheGracePeriod() {
        Pod pod = Pods.named("pre-stop")
                .volume(new VolumeBuilder().withName("out").withNewEmptyDir().endEmptyDir().build())
                .container("app", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "trap 'echo term >> /out/log; exit 0' TERM; while true; do sleep 0.1; done")
                        .mount("out", "/out")
                        .lifecycle(new LifecycleBuilder().withNewPreStop()
                                .withNewExec().withCommand("sh", "-c", "echo prestop >> /out/log").endExec()
                                .endPreStop().build()))
                .container("watch", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600").mount("out", "/out"))
                .build();
        PodHandle h = ENGINE.engine().create(pod);
        h.awaitReady(WAIT);
        ENGINE.engine().delete("default", "pre-stop", Duration.ofSeconds(10));
        // The watcher keeps running while "app" handles TERM, so the log can be read before removal.
        java.util.concurrent.atomic.AtomicReference<String> log = new java.util.concurrent.atomic.AtomicReference<>("");
        h.await(p -> {
            try {
                log.set(h.exec("watch", "cat", "/out/log").stdout());
                return log.get().contains("term");
            } catch (RuntimeException gone) {
                return false;
            }
        }, "log the preStop and TERM", Duration.ofSeconds(10));
        assertThat(log.get()).isEqualTo("prestop\nterm\n");
        h.awaitDeletion(WAIT);
    }

    @Test
    void reportsTheTerminationMessage() {
        Pod pod = Pods.named("last-words").restartPolicy("Never")
                .container("app", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "echo 'database unreachable' > /dev/termination-log; exit 4"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod failed = h.awaitPhase("Failed", WAIT);
            assertThat(app(failed).getState().getTerminated().getMessage()).isEqualTo("database unreachable\n");
        }
    }

    @Test
    void fallsBackToTheLogTailOnErrorWhenAsked() {
        Pod pod = Pods.named("log-words").restartPolicy("Never")
                .container("app", c -> c.image(TestImages.BUSYBOX).terminationMessagePolicy("FallbackToLogsOnError")
                        .command("sh", "-c", "echo starting; echo 'fatal: no config'; exit 1"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod failed = h.awaitPhase("Failed", WAIT);
            assertThat(app(failed).getState().getTerminated().getMessage()).isEqualTo("starting\nfatal: no config\n");
        }
    }

    @Test
    void grpcProbeFollowsARealHealthServer() throws Exception {
        io.grpc.protobuf.services.HealthStatusManager health = new io.grpc.protobuf.services.HealthStatusManager();
        io.grpc.Server server = io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder.forPort(0)
                .addService(health.getHealthService()).build().start();
        try {
            health.setStatus("orders", io.grpc.health.v1.HealthCheckResponse.ServingStatus.NOT_SERVING);
            // hostNetwork: the pod's IP is the node's, where this test's health server listens.
            Pod pod = Pods.named("grpc-ready")
                    .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                            .readinessProbe(new ProbeBuilder().withPeriodSeconds(1).withFailureThreshold(1)
                                    .withNewGrpc().withPort(server.getPort()).withService("orders").endGrpc()
                                    .build()))
                    .build();
            pod.getSpec().setHostNetwork(true);
            try (PodHandle h = ENGINE.engine().create(pod)) {
                h.awaitPhase("Running", WAIT);
                Pod unready = h.await(p -> h.events().stream().anyMatch(e -> e.getMessage().contains("NOT_SERVING")),
                        "report the NOT_SERVING answer", WAIT);
                assertThat(ready(unready)).isFalse();
                health.setStatus("orders", io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
                h.await(ProbesIT::ready, "become Ready when the service serves", WAIT);
                health.setStatus("orders", io.grpc.health.v1.HealthCheckResponse.ServingStatus.NOT_SERVING);
                h.await(p -> !ready(p), "become unready again", WAIT);
            }
        } finally {
            server.shutdownNow();
        }
    }
}
