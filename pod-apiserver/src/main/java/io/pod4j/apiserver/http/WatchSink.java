package io.pod4j.apiserver.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
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
import java.nio.charset.StandardCharsets;

/** Where a watch's events go: a chunked HTTP response, or WebSocket text frames after an upgrade. */
abstract class WatchSink {

    protected final Channel channel;

    private WatchSink(Channel channel) {
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
            void end() {
                var done = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                if (!keepAlive) {
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
                channel.write(new TextWebSocketFrame(new String(event, 0, event.length - 1, StandardCharsets.UTF_8)));
            }

            @Override
            void end() {
                if (channel.isActive()) {
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

    /** Sends what is queued and ends the stream. */
    abstract void end();

    boolean open() {
        return channel.isActive();
    }

    /** Runs {@code action} when the client goes away, so that a waiting watch wakes up. */
    void onClose(Runnable action) {
        channel.closeFuture().addListener(f -> action.run());
    }
}
