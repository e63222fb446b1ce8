package io.pod4j.apiserver.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exec and attach over the WebSocket channel protocols ({@link ChannelProtocol}): channel 0 is
 * stdin, 1 stdout, 2 stderr, 3 the final status, 4 terminal sizes, 255 (v5) the client's close of
 * stdin. When the process ends: the status on channel 3, then a normal close, which clients read
 * as the end of every stream.
 */
final class ExecWebSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(ExecWebSocketHandler.class);

    private final ChannelProtocol protocol;
    private final StreamOptions options;
    private final StreamSession.Starter starter;
    private final java.util.List<Runnable> early = new java.util.ArrayList<>();
    private StreamSession session;
    private Channel channel;

    ExecWebSocketHandler(ChannelProtocol protocol, StreamOptions options, StreamSession.Starter starter) {
        this.protocol = protocol;
        this.options = options;
        this.starter = starter;
    }

    /**
     * Starts the session; call on the event loop once the handshake's answer is written.
     *
     * @param ctx this handler's context
     */
    void start(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        // The kubelet sends an empty message on the lowest channel it writes, telling the client the streams are ready.
        int first = options.stdout() ? ChannelProtocol.STDOUT : options.stderr() ? ChannelProtocol.STDERR : ChannelProtocol.ERROR;
        send(first, new byte[0]);
        // Docker calls block: the session starts on a thread of its own; what the client sends meanwhile waits.
        StreamThreads.start(() -> {
            StreamSession started;
            try {
                started = starter.start(new StreamSession.Output() {
                    @Override
                    public void data(int stream, byte[] data) {
                        send(stream, data);
                    }

                    @Override
                    public void ended(byte[] status) {
                        finish(status);
                    }
                });
            } catch (IOException | RuntimeException e) {
                finish(ExecStatus.internalError("error executing command in container: " + e.getMessage()));
                return;
            }
            ctx.executor().execute(() -> {
                session = started;
                if (!ctx.channel().isActive()) {
                    started.close();
                }
                early.forEach(Runnable::run);
                early.clear();
            });
        }, "pod4j-stream-start");
    }

    private void send(int stream, byte[] data) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            return;
        }
        var future = ch.writeAndFlush(protocol.encode(stream, Unpooled.wrappedBuffer(data), ch.alloc()));
        if (!ch.isWritable() && !ch.eventLoop().inEventLoop()) {
            // Back-pressure: the reader thread waits rather than queue a fast process's output without bound.
            future.awaitUninterruptibly();
        }
    }

    private void finish(byte[] status) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            return;
        }
        ch.write(protocol.encode(ChannelProtocol.ERROR, Unpooled.wrappedBuffer(status), ch.alloc()));
        ch.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            return;
        }
        if (frame instanceof PongWebSocketFrame) {
            return;
        }
        if (frame instanceof CloseWebSocketFrame) {
            // The client went away: the process loses its streams, as with the kubelet.
            closeSession();
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ChannelProtocol.Message message;
        try {
            message = protocol.decode(frame);
        } catch (IllegalArgumentException e) {
            LOG.debug("dropping a message: {}", e.getMessage());
            return;
        }
        if (message == null) {
            return;
        }
        ByteBuf data = message.data();
        try {
            route(message.channel(), ByteBufUtil.getBytes(data));
        } finally {
            data.release();
        }
    }

    private void route(int channelNumber, byte[] data) {
        if (session == null) {
            early.add(() -> route(channelNumber, data));
            return;
        }
        switch (channelNumber) {
            case ChannelProtocol.STDIN:
                if (options.stdin() && data.length > 0) {
                    session.stdin(data);
                }
                break;
            case ChannelProtocol.RESIZE:
                try {
                    session.resize(TerminalSize.parse(data));
                } catch (IllegalArgumentException e) {
                    LOG.debug("ignoring a resize message: {}", e.getMessage());
                }
                break;
            case ChannelProtocol.CLOSE:
                if (protocol.closeSignal() && data.length > 0 && data[0] == ChannelProtocol.STDIN) {
                    session.closeStdin();
                }
                break;
            default:
                LOG.debug("ignoring a message on channel {}", channelNumber);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closeSession();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("exec stream failed: {}", cause.toString());
        closeSession();
        ctx.close();
    }

    private void closeSession() {
        if (session != null) {
            session.close();
        }
    }
}
