package io.pod4j.apiserver.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The WebSocket exec protocol against a fake session: framing, routing, the end of a command. */
class ExecWebSocketHandlerTest {

    /** Records what the handler passes to the session. */
    private static final class FakeSession implements StreamSession {
        final ByteArrayOutputStream stdin = new ByteArrayOutputStream();
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile StreamSession.Output output;

        @Override
        public synchronized void stdin(byte[] bytes) {
            stdin.writeBytes(bytes);
        }

        @Override
        public void closeStdin() {
            events.add("stdin closed");
        }

        @Override
        public void resize(TerminalSize size) {
            events.add("resize " + size.width() + "x" + size.height());
        }

        @Override
        public void close() {
            events.add("closed");
        }
    }

    private final FakeSession session = new FakeSession();
    private EmbeddedChannel channel;

    private void open(ChannelProtocol protocol, StreamOptions options) {
        ExecWebSocketHandler handler = new ExecWebSocketHandler(protocol, options, output -> {
            session.output = output;
            return session;
        });
        channel = new EmbeddedChannel(handler);
        handler.start(channel.pipeline().context(handler));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            channel.runPendingTasks();
            return session.output != null && !channel.hasPendingTasks();
        });
    }

    private static StreamOptions options(boolean stdin, boolean tty) {
        return new StreamOptions("main", List.of("sh"), stdin, true, true, tty);
    }

    private void send(int channelNumber, String data) {
        byte[] payload = data.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[payload.length + 1];
        frame[0] = (byte) channelNumber;
        System.arraycopy(payload, 0, frame, 1, payload.length);
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame)));
        channel.runPendingTasks();
    }

    private byte[] nextOutbound() {
        WebSocketFrame frame = channel.readOutbound();
        try {
            return ByteBufUtil.getBytes(frame.content());
        } finally {
            frame.release();
        }
    }

    @Test
    void announcesTheStreamsWithAnEmptyMessageOnStdout() {
        open(ChannelProtocol.V5, options(false, false));
        assertThat(nextOutbound()).containsExactly(ChannelProtocol.STDOUT);
    }

    @Test
    void stdinMessagesReachTheProcessAndV5sCloseSignalEndsIt() {
        open(ChannelProtocol.V5, options(true, false));
        send(ChannelProtocol.STDIN, "hello ");
        send(ChannelProtocol.STDIN, "world");
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {(byte) 255, 0})));
        assertThat(session.stdin.toString(StandardCharsets.UTF_8)).isEqualTo("hello world");
        assertThat(session.events).containsExactly("stdin closed");
    }

    @Test
    void v4HasNoCloseSignal() {
        open(ChannelProtocol.V4, options(true, false));
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {(byte) 255, 0})));
        assertThat(session.events).isEmpty();
    }

    @Test
    void resizeMessagesResizeTheTerminal() {
        open(ChannelProtocol.V5, options(true, true));
        send(ChannelProtocol.RESIZE, "{\"Width\":100,\"Height\":30}");
        assertThat(session.events).containsExactly("resize 100x30");
    }

    @Test
    void outputGoesOutOnItsChannel() {
        open(ChannelProtocol.V4, options(false, false));
        nextOutbound();
        session.output.data(ChannelProtocol.STDERR, "oops".getBytes(StandardCharsets.UTF_8));
        assertThat(nextOutbound()).containsExactly(2, 'o', 'o', 'p', 's');
    }

    @Test
    void theEndSendsTheStatusOnChannel3ThenANormalClose() {
        open(ChannelProtocol.V5, options(false, false));
        nextOutbound();
        session.output.ended(ExecStatus.exited(3, List.of("sh")));
        byte[] status = nextOutbound();
        assertThat(status[0]).isEqualTo((byte) ChannelProtocol.ERROR);
        assertThat(new String(status, 1, status.length - 1, StandardCharsets.UTF_8)).contains("\"NonZeroExitCode\"");
        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1000);
        close.release();
        assertThat(channel.isOpen()).isFalse();
        assertThat(session.events).contains("closed");
    }

    @Test
    void pingsAreAnswered() {
        open(ChannelProtocol.V5, options(false, false));
        nextOutbound();
        channel.writeInbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {7})));
        PongWebSocketFrame pong = channel.readOutbound();
        assertThat(ByteBufUtil.getBytes(pong.content())).containsExactly(7);
        pong.release();
    }

    @Test
    void theClientGoingAwayClosesTheSession() {
        open(ChannelProtocol.V5, options(false, false));
        channel.writeInbound(new CloseWebSocketFrame(1000, ""));
        assertThat(session.events).contains("closed");
    }
}
