package io.pod4j.apiserver.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.spdy.SpdyHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exec and attach over SPDY ({@code v4.channel.k8s.io} and the older remotecommand protocols),
 * as kubectl before 1.30 speaks them: the client opens one stream per standard stream
 * ({@code streamType} error, stdin, stdout, stderr, resize); once all the request asked for are
 * open, the command starts. Stdin's FIN is the command's EOF; resize carries JSON sizes one per
 * line; when the command ends the error stream carries the status, every stream ends, and the
 * session goes away.
 */
final class SpdyExecHandler extends SpdyStreamsHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SpdyExecHandler.class);

    private final StreamOptions options;
    private final StreamSession.Starter starter;
    private final java.util.List<Runnable> early = new java.util.ArrayList<>();
    private final boolean statusJson;
    private final Map<String, Integer> streams = new HashMap<>();
    private final Map<Integer, String> types = new HashMap<>();
    private final ByteArrayOutputStream resizeLine = new ByteArrayOutputStream();
    private StreamSession session;

    /**
     * @param options what the request asked for
     * @param starter starts the exec or attach
     * @param statusJson true for protocol v4 (status as JSON), false for older ones (plain message, none on success)
     */
    SpdyExecHandler(StreamOptions options, StreamSession.Starter starter, boolean statusJson) {
        this.options = options;
        this.starter = starter;
        this.statusJson = statusJson;
    }

    private int expected() {
        return 1 + (options.stdin() ? 1 : 0) + (options.stdout() ? 1 : 0) + (options.stderr() ? 1 : 0)
                + (options.tty() ? 1 : 0);
    }

    @Override
    protected void opened(int id, SpdyHeaders headers, boolean fin) {
        String type = header(headers, "streamType");
        if (type == null || streams.containsKey(type)) {
            resetStream(id);
            return;
        }
        streams.put(type, id);
        types.put(id, type);
        if (session == null && streams.size() == expected()) {
            start();
        }
    }

    private void start() {
        StreamThreads.start(this::startSession, "pod4j-stream-start");
    }

    private void startSession() {
        StreamSession started;
        try {
            started = starter.start(new StreamSession.Output() {
                @Override
                public void data(int stream, byte[] data) {
                    Integer id = streams.get(stream == ChannelProtocol.STDERR ? "stderr" : "stdout");
                    if (id != null) {
                        var f = send(id, data, false);
                        if (!channel.isWritable() && !channel.eventLoop().inEventLoop()) {
                            f.awaitUninterruptibly();
                        }
                    }
                }

                @Override
                public void ended(byte[] status) {
                    channel.eventLoop().execute(() -> finish(status));
                }
            });
        } catch (IOException | RuntimeException e) {
            byte[] status = ExecStatus.internalError("error executing command in container: " + e.getMessage());
            channel.eventLoop().execute(() -> finish(status));
            return;
        }
        channel.eventLoop().execute(() -> {
            session = started;
            if (!channel.isActive()) {
                started.close();
            }
            early.forEach(Runnable::run);
            early.clear();
        });
    }

    private void finish(byte[] status) {
        if (!channel.isActive()) {
            return;
        }
        Integer error = streams.get("error");
        byte[] message = statusJson ? status : ExecStatus.legacyMessage(status);
        if (error != null) {
            send(error, message, true);
        }
        for (Map.Entry<String, Integer> e : streams.entrySet()) {
            if (!e.getKey().equals("error")) {
                send(e.getValue(), new byte[0], true);
            }
        }
        goAway();
    }

    @Override
    protected void data(int id, ByteBuf data, boolean fin) {
        String type = types.get(id);
        if (type == null) {
            return;
        }
        if (session == null) {
            byte[] bytes = ByteBufUtil.getBytes(data);
            early.add(() -> data(id, io.netty.buffer.Unpooled.wrappedBuffer(bytes), fin));
            return;
        }
        if ("stdin".equals(type)) {
            if (data.isReadable()) {
                session.stdin(ByteBufUtil.getBytes(data));
            }
            if (fin) {
                session.closeStdin();
            }
        } else if ("resize".equals(type)) {
            resize(ByteBufUtil.getBytes(data));
        }
    }

    private void resize(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\n') {
                try {
                    session.resize(TerminalSize.parse(resizeLine.toByteArray()));
                } catch (IllegalArgumentException e) {
                    LOG.debug("ignoring a resize message: {}", e.getMessage());
                }
                resizeLine.reset();
            } else {
                resizeLine.write(b);
            }
        }
    }

    @Override
    protected void reset(int id) {
        if ("stdin".equals(types.get(id))) {
            if (session == null) {
                early.add(() -> reset(id));
            } else {
                session.closeStdin();
            }
        }
    }

    @Override
    protected void closed() {
        if (session != null) {
            session.close();
        }
    }
}
