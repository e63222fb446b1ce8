package io.pod4j.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP prober against a real HTTP server on this machine (no Docker). */
class ProbeRunnerHttpTest {

    private static final String FOUND = "<a href=\"http://elsewhere.invalid/\">Found</a>.";

    private static HttpServer server;
    private static ProbeRunner runner;
    private static final AtomicInteger LOOPS = new AtomicInteger();

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/away", x -> answer(x, 302, "http://elsewhere.invalid/", FOUND));
        server.createContext("/chunked-away", x -> answer(x, 301, "http://elsewhere.invalid/", "héllo ".repeat(3000)));
        server.createContext("/here", x -> answer(x, 302, "/ok", "moved"));
        server.createContext("/ok", x -> answer(x, 200, null, "ok"));
        server.createContext("/loop", x -> {
            LOOPS.incrementAndGet();
            answer(x, 302, "/loop", "again");
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        runner = new ProbeRunner(null);
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        runner.close();
    }

    private static void answer(HttpExchange x, int status, String location, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (location != null) {
            x.getResponseHeaders().add("Location", location);
        }
        // A body longer than 10 KiB goes chunked (no length), as many servers send it.
        x.sendResponseHeaders(status, bytes.length > 10_000 ? 0 : bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private static ProbeTarget target() {
        return new ProbeTarget("none", "127.0.0.1", true, Map.of(), Map.of());
    }

    private static HTTPGetAction get(String path) {
        return new HTTPGetActionBuilder().withPath(path).withPort(new IntOrString(server.getAddress().getPort())).build();
    }

    @Test
    void aRedirectToAnotherHostPassesWithTheKubeletsWarning() {
        assertThat(runner.httpGet(get("/away"), target(), Duration.ofSeconds(5)))
                .isEqualTo(ProbeResult.warned("Probe terminated redirects, Response body: " + FOUND));
    }

    @Test
    void theWarningQuotesTheFirstTenKibibytesOfAChunkedBody() {
        ProbeResult result = runner.httpGet(get("/chunked-away"), target(), Duration.ofSeconds(5));
        String prefix = "Probe terminated redirects, Response body: ";
        assertThat(result.success()).isTrue();
        assertThat(result.warning()).startsWith(prefix + "héllo héllo");
        assertThat(result.warning().substring(prefix.length()).getBytes(StandardCharsets.UTF_8).length)
                .isBetween(10 * 1024 - 2, 10 * 1024);
    }

    @Test
    void aRedirectToTheSameHostIsFollowed() {
        assertThat(runner.httpGet(get("/here"), target(), Duration.ofSeconds(5))).isEqualTo(ProbeResult.ok());
    }

    @Test
    void endlessSameHostRedirectsFailAfterTenRequests() {
        LOOPS.set(0);
        assertThat(runner.httpGet(get("/loop"), target(), Duration.ofSeconds(5)))
                .isEqualTo(ProbeResult.failed("Get \"/loop\": stopped after 10 redirects"));
        assertThat(LOOPS).hasValue(10);
    }

    @Test
    void theLoopReportsEachWarningAndCountsTheAttemptAsASuccess() {
        List<String> heard = new CopyOnWriteArrayList<>();
        var probe = new ProbeBuilder().withHttpGet(get("/away")).withPeriodSeconds(1).build();
        var timer = Executors.newSingleThreadScheduledExecutor();
        ProbeLoop loop = new ProbeLoop(ProbeKind.READINESS, probe, ProbeRunnerHttpTest::target, runner, timer, Runnable::run, false,
                new ProbeLoop.Listener() {
                    @Override
                    public void verdict(ProbeKind kind, boolean success, String message) {
                        heard.add("verdict " + kind + " " + success);
                    }

                    @Override
                    public void attemptFailed(ProbeKind kind, String message) {
                        heard.add("failed " + message);
                    }

                    @Override
                    public void warned(ProbeKind kind, String message) {
                        heard.add("warned " + kind + " " + message);
                    }
                });
        try {
            loop.start();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> heard.size() >= 3);
        } finally {
            loop.stop();
            timer.shutdownNow();
        }
        String warning = "warned READINESS Probe terminated redirects, Response body: " + FOUND;
        assertThat(heard.subList(0, 3)).containsExactly(warning, "verdict READINESS true", warning);
    }
}
