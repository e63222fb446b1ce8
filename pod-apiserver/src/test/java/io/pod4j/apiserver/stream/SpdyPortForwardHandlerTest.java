package io.pod4j.apiserver.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SPDY port-forward against a local TCP server standing in for the pod (no Docker). */
class SpdyPortForwardHandlerTest {

    private final List<SpdyFrame> out = new ArrayList<>();
    private ServerSocket pod;
    private EmbeddedChannel channel;

    @AfterEach
    void close() throws IOException {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        if (pod != null) {
            pod.close();
        }
    }

    /** A server that answers each line it reads with "echo:" and the line, then closes. */
    private int echoServer() throws IOException {
        pod = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = pod.accept(); InputStream in = s.getInputStream(); OutputStream o = s.getOutputStream()) {
                byte[] all = in.readAllBytes();
                o.write(("echo:" + new String(all, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // The test fails on what it did not get.
            }
        });
        t.setDaemon(true);
        t.start();
        return pod.getLocalPort();
    }

    private void open() {
        channel = new EmbeddedChannel(new SpdyPortForwardHandler("web", port -> new InetSocketAddress("127.0.0.1", port)));
    }

    private void syn(int id, String type, int port) {
        DefaultSpdySynStreamFrame syn = new DefaultSpdySynStreamFrame(id, 0, (byte) 0);
        syn.headers().set("streamtype", type).set("port", Integer.toString(port)).set("requestid", "0");
        channel.writeInbound(syn);
    }

    private void drain() {
        channel.runPendingTasks();
        for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
            out.add((SpdyFrame) o);
        }
    }

    private String dataOn(int stream) {
        StringBuilder sb = new StringBuilder();
        out.stream().filter(f -> f instanceof SpdyDataFrame d && d.streamId() == stream)
                .forEach(f -> sb.append(((SpdyDataFrame) f).content().toString(StandardCharsets.UTF_8)));
        return sb.toString();
    }

    private boolean finished(int stream) {
        return out.stream().anyMatch(f -> f instanceof SpdyDataFrame d && d.streamId() == stream && d.isLast());
    }

    @Test
    void everyStreamIsAnsweredWithASynReply() throws IOException {
        open();
        int port = echoServer();
        syn(1, "error", port);
        syn(3, "data", port);
        drain();
        assertThat(out).filteredOn(f -> f instanceof SpdySynReplyFrame).extracting(f -> ((SpdySynReplyFrame) f).streamId())
                .containsExactly(1, 3);
    }

    @Test
    void theDataStreamCarriesBytesBothWaysAndEndsWithThePodsSide() throws IOException {
        open();
        int port = echoServer();
        syn(1, "error", port);
        syn(3, "data", port);
        DefaultSpdyDataFrame request = new DefaultSpdyDataFrame(3, Unpooled.copiedBuffer("ping", StandardCharsets.UTF_8));
        request.setLast(true);
        channel.writeInbound(request);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            drain();
            return finished(3);
        });
        assertThat(dataOn(3)).isEqualTo("echo:ping");
        assertThat(dataOn(1)).isEmpty();
    }

    @Test
    void aPortNobodyListensOnIsReportedOnTheErrorStream() throws IOException {
        open();
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        syn(1, "error", closed);
        syn(3, "data", closed);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            drain();
            return finished(1);
        });
        assertThat(dataOn(1)).startsWith("error forwarding port " + closed + " to pod web: ");
    }
}
