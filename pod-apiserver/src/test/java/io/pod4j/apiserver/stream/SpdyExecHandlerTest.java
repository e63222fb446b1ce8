package io.pod4j.apiserver.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Exec over SPDY against a fake session: when it starts, stdin and its end, resize, the end. */
class SpdyExecHandlerTest {

    private final ByteArrayOutputStream stdin = new ByteArrayOutputStream();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<SpdyFrame> out = new ArrayList<>();
    private volatile StreamSession.Output output;
    private EmbeddedChannel channel;

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void open(boolean tty) {
        StreamOptions options = new StreamOptions("main", List.of("sh"), true, true, true, tty);
        channel = new EmbeddedChannel(new SpdyExecHandler(options, o -> {
            output = o;
            return new StreamSession() {
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
            };
        }, true));
    }

    private void syn(int id, String type) {
        DefaultSpdySynStreamFrame syn = new DefaultSpdySynStreamFrame(id, 0, (byte) 0);
        syn.headers().set("streamtype", type);
        channel.writeInbound(syn);
    }

    private void data(int id, String text, boolean fin) {
        DefaultSpdyDataFrame frame = new DefaultSpdyDataFrame(id, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        frame.setLast(fin);
        channel.writeInbound(frame);
    }

    private void awaitStarted() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            channel.runPendingTasks();
            return output != null && !channel.hasPendingTasks();
        });
    }

    private void drain() {
        channel.runPendingTasks();
        for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
            out.add((SpdyFrame) o);
        }
    }

    @Test
    void theCommandStartsOnceEveryRequestedStreamIsOpen() {
        open(false);
        syn(1, "error");
        syn(3, "stdin");
        syn(5, "stdout");
        channel.runPendingTasks();
        assertThat(output).isNull();
        syn(7, "stderr");
        awaitStarted();
        assertThat(output).isNotNull();
    }

    @Test
    void stdinSentBeforeTheStartIsKeptAndItsFinEndsIt() {
        open(false);
        syn(1, "error");
        syn(3, "stdin");
        syn(5, "stdout");
        syn(7, "stderr");
        data(3, "early ", false);
        data(3, "and late", true);
        awaitStarted();
        assertThat(stdin.toString(StandardCharsets.UTF_8)).isEqualTo("early and late");
        assertThat(events).containsExactly("stdin closed");
    }

    @Test
    void resizeLinesResizeTheTerminal() {
        open(true);
        syn(1, "error");
        syn(3, "stdin");
        syn(5, "stdout");
        syn(7, "resize");
        awaitStarted();
        data(7, "{\"Width\":80,\"Height\":24}\n{\"Width\":100,", false);
        data(7, "\"Height\":30}\n", false);
        assertThat(events).containsExactly("resize 80x24", "resize 100x30");
    }

    @Test
    void theEndWritesTheStatusEndsEveryStreamAndGoesAway() {
        open(false);
        syn(1, "error");
        syn(3, "stdin");
        syn(5, "stdout");
        syn(7, "stderr");
        awaitStarted();
        output.data(ChannelProtocol.STDOUT, "out".getBytes(StandardCharsets.UTF_8));
        output.ended(ExecStatus.exited(2, List.of("sh")));
        drain();
        String stdout = out.stream().filter(f -> f instanceof SpdyDataFrame d && d.streamId() == 5)
                .map(f -> ((SpdyDataFrame) f).content().toString(StandardCharsets.UTF_8)).reduce("", String::concat);
        String status = out.stream().filter(f -> f instanceof SpdyDataFrame d && d.streamId() == 1)
                .map(f -> ((SpdyDataFrame) f).content().toString(StandardCharsets.UTF_8)).reduce("", String::concat);
        assertThat(stdout).isEqualTo("out");
        assertThat(status).contains("\"NonZeroExitCode\"");
        assertThat(out.stream().filter(f -> f instanceof SpdyDataFrame d && d.isLast()).map(f -> ((SpdyDataFrame) f).streamId()))
                .containsExactlyInAnyOrder(1, 3, 5, 7);
        assertThat(out).last().isInstanceOf(SpdyGoAwayFrame.class);
        out.forEach(io.netty.util.ReferenceCountUtil::release);
    }
}
