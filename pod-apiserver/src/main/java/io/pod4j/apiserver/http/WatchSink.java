package io.pod4j.apiserver.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.concurrent.Executor;

/**
 * Where a watch's events go: a chunked HTTP response, or WebSocket text frames after an upgrade.
 * Its events are written on the connection's event loop ({@link #executor()}), and only while the
 * connection is {@link #writable()}: what a slow client has not read yet stays in the store's
 * watch, which is bounded, instead of piling up in the connection's buffer.
 */
abstract class WatchSink {

    protected final Channel channel;
    private ChannelHandler writability;

    WatchSink(Channel channel) {
        this.channel = channel;
    }

    /** Starts a chunked {@code 200} response with {@code Content-Type: application/json}. */
    static WatchSink chunked(Exchange ex) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        HttpUtil.setTransferEncodingChunked(response, true);
        ex.addWarnings(response.headers());
        ex.ctx().writeAndFlush(response);
        boolean keepAlive = HttpUtil.isKeepAlive(ex.request());
        return new WatchSink(ex.ctx().channel()) {
            @Override
            void send(byte[] event) {
                channel.write(new DefaultHttpContent(Unpooled.wrappedBuffer(event)));
            }

            @Override
            void end(boolean closeConnection) {
                stopListening();
                if (closeConnection && !channel.isWritable()) {
                    channel.close(); // it reads nothing: the end of the stream would only wait in its buffer
                    return;
                }
                var done = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                if (!keepAlive || closeConnection) {
                    done.addListener(ChannelFutureListener.CLOSE);
                }
            }
        };
    }

    /** Upgrades the connection to WebSocket; events then go as text frames. */
    static WatchSink webSocket(Exchange ex, int maxFramePayload) {
        String url = "wss://" + ex.header(HttpHeaderNames.HOST) + ex.request().uri();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(url, null, false, maxFramePayload)
                .newHandshaker(ex.request());
        Channel channel = ex.ctx().channel();
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
            throw new ApiException(HttpStatuses.badRequest("unsupported WebSocket version"));
        }
        channel.pipeline().addLast(new SimpleChannelInboundHandler<WebSocketFrame>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
                if (frame instanceof CloseWebSocketFrame) {
                    handshaker.close(ctx.channel(), (CloseWebSocketFrame) frame.retain());
                } else if (frame instanceof PingWebSocketFrame) {
                    ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
                }
            }
        });
        handshaker.handshake(channel, ex.request()).syncUninterruptibly();
        return new WatchSink(channel) {
            @Override
            void send(byte[] event) {
                // One frame per event, without the newline the chunked stream separates events with.
                channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(event, 0, event.length - 1)));
            }

            @Override
            void end(boolean closeConnection) {
                stopListening();
                if (closeConnection && !channel.isWritable()) {
                    channel.close();
                } else if (channel.isActive()) {
                    channel.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
                }
            }
        };
    }

    /** Queues one event, its JSON followed by a newline; {@link #flush()} sends what is queued. */
    abstract void send(byte[] event);

    /** Sends the queued events: one flush for a burst of them (fewer TLS records and system calls). */
    void flush() {
        channel.flush();
    }

    /**
     * Sends what is queued and ends the stream.
     *
     * @param closeConnection close the connection too (a watcher dropped for falling behind): at once
     *     when it is not reading, as its buffer is full
     */
    abstract void end(boolean closeConnection);

    boolean open() {
        return channel.isActive();
    }

    /** @return whether the connection takes more now (its buffer is below the high-water mark) */
    boolean writable() {
        return channel.isWritable();
    }

    /** @return the connection's event loop: writes made on it go out without a hand-over */
    Executor executor() {
        return channel.eventLoop();
    }

    /** Runs {@code action} on the event loop whenever the connection becomes writable again. */
    void onWritable(Runnable action) {
        writability = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                if (ctx.channel().isWritable()) {
                    action.run();
                }
                ctx.fireChannelWritabilityChanged();
            }
        };
        channel.pipeline().addLast(writability);
    }

    /** Removes what {@link #onWritable} added, so that a kept-alive connection carries nothing of an ended watch. */
    protected void stopListening() {
        ChannelHandler h = writability;
        writability = null;
        if (h != null && channel.pipeline().context(h) != null) {
            channel.pipeline().remove(h);
        }
    }

    /** Runs {@code action} when the client goes away, so that a waiting watch wakes up. */
    void onClose(Runnable action) {
        channel.closeFuture().addListener(f -> action.run());
    }
}
