package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.api.model.ContainerStatus;
import io.pod4j.api.model.Event;
import io.pod4j.api.model.ExecAction;
import io.pod4j.api.model.HTTPGetAction;
import io.pod4j.api.model.HTTPHeader;
import io.pod4j.api.model.IntOrString;
import io.pod4j.api.model.Lifecycle;
import io.pod4j.api.model.LifecycleHandler;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.Probe;
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
        return p.status().containerStatuses().isEmpty()
                ? ContainerStatus.builder().state(io.pod4j.api.model.ContainerState.builder().build()).restartCount(0).build()
                : p.status().containerStatuses().get(0);
    }

    private static boolean ready(Pod p) {
        return p.status().conditions().stream().anyMatch(c -> c.type().equals("Ready") && c.status().equals("True"));
    }

    private static Probe fast(Probe p) {
        return p.toBuilder().periodSeconds(1).failureThreshold(1).build();
    }

    @Test
    void readinessFollowsAFileAppearingAndDisappearing() {
        Pod pod = Pod.named("ready-file")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .readinessProbe(fast(Probe.exec("cat", "/tmp/ready"))))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitPhase("Running", WAIT);
            assertThat(ready(h.pod())).isFalse();
            h.exec("app", "touch", "/tmp/ready");
            h.await(ProbesIT::ready, "become Ready", WAIT);
            h.exec("app", "rm", "/tmp/ready");
            Pod unready = h.await(p -> !ready(p), "become unready", WAIT);
            assertThat(app(unready).ready()).isFalse();
            assertThat(unready.status().conditions()).anySatisfy(c -> {
                assertThat(c.type()).isEqualTo("ContainersReady");
                assertThat(c.reason()).isEqualTo("ContainersNotReady");
            });
            h.exec("app", "touch", "/tmp/ready");
            h.await(ProbesIT::ready, "become Ready again", WAIT);
        }
    }

    @Test
    void readinessFollowsATcpPortOpeningAndClosing() {
        Pod pod = Pod.named("ready-tcp")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "mkdir -p /www; sleep 3600").port(9000)
                        .readinessProbe(fast(Probe.tcpSocket(9000))))
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
        ENGINE.engine().put(io.pod4j.api.model.ConfigMap.builder()
                .metadata(io.pod4j.api.model.ObjectMeta.builder().name("http-handler").namespace("default").build())
                .putData("handler.sh", handler).build());
        Probe probe = Probe.builder().httpGet(HTTPGetAction.builder().path("/healthz").port(IntOrString.of("http"))
                .httpHeaders(List.of(HTTPHeader.builder().name("X-Token").value("s3cret").build())).build())
                .periodSeconds(1).build();
        Pod pod = Pod.named("ready-http")
                .volume(io.pod4j.api.model.Volume.builder().name("handler")
                        .configMap(io.pod4j.api.model.ConfigMapVolumeSource.builder().name("http-handler").build()).build())
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
        Pod pod = Pod.named("liveness")
                .container("app", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "touch /tmp/alive; sleep 3600")
                        .livenessProbe(Probe.exec("cat", "/tmp/alive").toBuilder().periodSeconds(1).failureThreshold(2)
                                .terminationGracePeriodSeconds(1L).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            h.exec("app", "rm", "/tmp/alive");
            Pod restarted = h.await(p -> app(p).restartCount() >= 1 && app(p).state().running() != null,
                    "restart after the liveness probe fails", WAIT);
            assertThat(app(restarted).lastState().terminated()).isNotNull();
            assertThat(h.events()).anySatisfy(e -> {
                assertThat(e.reason()).isEqualTo("Unhealthy");
                assertThat(e.message()).startsWith("Liveness probe failed:");
            });
            assertThat(h.events()).anySatisfy(e -> {
                assertThat(e.reason()).isEqualTo("Killing");
                assertThat(e.message()).isEqualTo("Container app failed liveness probe, will be restarted");
            });
        }
    }

    @Test
    void aSlowStartupProbeHoldsLivenessOff() {
        Pod pod = Pod.named("slow-start")
                .container("app", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "sleep 3; touch /tmp/started; sleep 3600")
                        .startupProbe(Probe.exec("cat", "/tmp/started").toBuilder().periodSeconds(1).failureThreshold(30).build())
                        .livenessProbe(Probe.exec("cat", "/tmp/started").toBuilder().periodSeconds(1).failureThreshold(1).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitPhase("Running", WAIT);
            assertThat(app(h.pod()).started()).isFalse();
            Pod ready = h.awaitReady(WAIT);
            assertThat(app(ready).started()).isTrue();
            assertThat(app(ready).restartCount()).isZero();
            assertThat(h.events()).noneSatisfy(e -> assertThat(e.message()).startsWith("Liveness probe failed"));
        }
    }

    @Test
    void eagerProbingGivesASlowStartTheTimeItsStartupProbeAllows() {
        // Budget: failureThreshold 3 x periodSeconds 2 = 6 s; the port opens after 2 s. pod4j probes far
        // more often than that before the first success, but only failures on the kubelet's schedule count.
        Pod pod = Pod.named("slow-port")
                .container("app", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "sleep 2; exec httpd -f -p 8080")
                        .startupProbe(Probe.tcpSocket(8080).toBuilder().periodSeconds(2).failureThreshold(3).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod ready = h.awaitReady(WAIT);
            assertThat(app(ready).restartCount()).isZero();
            long unhealthy = h.events().stream().filter(e -> e.reason().equals("Unhealthy"))
                    .mapToLong(e -> e.count() == null ? 1 : e.count()).sum();
            assertThat(unhealthy).as("failures reported, one per period at most").isLessThanOrEqualTo(2);
            assertThat(h.events()).noneSatisfy(e -> assertThat(e.reason()).isEqualTo("Killing"));
        }
    }

    @Test
    void aFailingPostStartHookKillsTheContainer() {
        Pod pod = Pod.named("post-start-fails").restartPolicy("Never")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .lifecycle(Lifecycle.builder().postStart(LifecycleHandler.builder()
                                .exec(ExecAction.builder().command(List.of("sh", "-c", "exit 7")).build()).build()).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitPhase("Failed", WAIT);
            assertThat(h.events()).extracting(Event::reason).contains("FailedPostStartHook");
        }
    }

    @Test
    void theNextContainerStartsOnlyAfterAPostStartHookCompletes() {
        // The hook marks the shared volume a second after its container starts; "after" exits 1 (and,
        // under Never, fails the pod) if it started before the mark was there.
        Pod pod = Pod.named("post-start-order").restartPolicy("Never")
                .volume(io.pod4j.api.model.Volume.builder().name("shared")
                        .emptyDir(io.pod4j.api.model.EmptyDirVolumeSource.builder().build()).build())
                .container("hooked", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600").mount("shared", "/shared")
                        .lifecycle(Lifecycle.builder().postStart(LifecycleHandler.builder()
                                .exec(ExecAction.builder().command(List.of("sh", "-c", "sleep 1; touch /shared/hooked")).build())
                                .build()).build()))
                .container("after", c -> c.image(TestImages.BUSYBOX).mount("shared", "/shared")
                        .command("sh", "-c", "test -f /shared/hooked || exit 1; sleep 3600"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            assertThat(h.pod().status().containerStatuses()).allSatisfy(s -> assertThat(s.restartCount()).isZero());
        }
    }

    @Test
    void preStopRunsBeforeSigtermWithinTheGracePeriod() {
        Pod pod = Pod.named("pre-stop")
                .volume(io.pod4j.api.model.Volume.builder().name("out")
                        .emptyDir(io.pod4j.api.model.EmptyDirVolumeSource.builder().build()).build())
                .container("app", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "trap 'echo term >> /out/log; exit 0' TERM; while true; do sleep 0.1; done")
                        .mount("out", "/out")
                        .lifecycle(Lifecycle.builder().preStop(LifecycleHandler.builder()
                                .exec(ExecAction.builder().command(List.of("sh", "-c", "echo prestop >> /out/log")).build())
                                .build()).build()))
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
        Pod pod = Pod.named("last-words").restartPolicy("Never")
                .container("app", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "echo 'database unreachable' > /dev/termination-log; exit 4"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod failed = h.awaitPhase("Failed", WAIT);
            assertThat(app(failed).state().terminated().message()).isEqualTo("database unreachable\n");
        }
    }

    @Test
    void fallsBackToTheLogTailOnErrorWhenAsked() {
        Pod pod = Pod.named("log-words").restartPolicy("Never")
                .container("app", c -> c.image(TestImages.BUSYBOX).terminationMessagePolicy("FallbackToLogsOnError")
                        .command("sh", "-c", "echo starting; echo 'fatal: no config'; exit 1"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod failed = h.awaitPhase("Failed", WAIT);
            assertThat(app(failed).state().terminated().message()).isEqualTo("starting\nfatal: no config\n");
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
            Pod pod = Pod.named("grpc-ready")
                    .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                            .readinessProbe(Probe.grpc(server.getPort()).toBuilder().periodSeconds(1).failureThreshold(1)
                                    .grpc(io.pod4j.api.model.GRPCAction.builder().port(server.getPort()).service("orders").build())
                                    .build()))
                    .build();
            pod = pod.toBuilder().spec(pod.spec().toBuilder().hostNetwork(true).build()).build();
            try (PodHandle h = ENGINE.engine().create(pod)) {
                h.awaitPhase("Running", WAIT);
                Pod unready = h.await(p -> h.events().stream().anyMatch(e -> e.message().contains("NOT_SERVING")),
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
