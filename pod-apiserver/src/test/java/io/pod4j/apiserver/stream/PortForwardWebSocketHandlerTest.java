package io.pod4j.apiserver.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
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

/** fabric8's WebSocket port-forward protocol against a local TCP server standing in for the pod. */
class PortForwardWebSocketHandlerTest {

    private final List<WebSocketFrame> out = new ArrayList<>();
    private ServerSocket pod;
    private EmbeddedChannel channel;

    @AfterEach
    void close() throws IOException {
        out.forEach(WebSocketFrame::release);
        channel.finishAndReleaseAll();
        pod.close();
    }

    /** Reads four bytes, answers "pong:" and them, then closes. */
    private int server() throws IOException {
        pod = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = pod.accept(); InputStream in = s.getInputStream(); OutputStream o = s.getOutputStream()) {
                byte[] got = in.readNBytes(4);
                o.write(("pong:" + new String(got, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // The test fails on what it did not get.
            }
        });
        t.setDaemon(true);
        t.start();
        return pod.getLocalPort();
    }

    private void open(int port) {
        PortForwardWebSocketHandler handler = new PortForwardWebSocketHandler(ChannelProtocol.V4, List.of(port), "web",
                p -> new InetSocketAddress("127.0.0.1", p));
        channel = new EmbeddedChannel(handler);
        handler.start(channel.pipeline().context(handler));
    }

    private void drain() {
        channel.runPendingTasks();
        for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
            out.add((WebSocketFrame) o);
        }
    }

    @Test
    void theFirstMessageOfEachChannelIsThePortLittleEndian() throws IOException {
        int port = server();
        open(port);
        drain();
        assertThat(ByteBufUtil.getBytes(out.get(0).content())).containsExactly(0, port & 0xff, port >> 8);
        assertThat(ByteBufUtil.getBytes(out.get(1).content())).containsExactly(1, port & 0xff, port >> 8);
    }

    @Test
    void theDataChannelCarriesBytesBothWaysAndThePodsCloseEndsTheWebSocket() throws IOException {
        open(server());
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {0, 'p', 'i', 'n', 'g'})));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            drain();
            return out.stream().anyMatch(f -> f instanceof CloseWebSocketFrame);
        });
        StringBuilder data = new StringBuilder();
        out.stream().skip(2).filter(f -> f instanceof BinaryWebSocketFrame).forEach(f -> {
            byte[] b = ByteBufUtil.getBytes(f.content());
            assertThat(b[0]).isZero();
            data.append(new String(b, 1, b.length - 1, StandardCharsets.UTF_8));
        });
        assertThat(data).hasToString("pong:ping");
    }
}
