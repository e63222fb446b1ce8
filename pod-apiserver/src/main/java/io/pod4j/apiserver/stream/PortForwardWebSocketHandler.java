package io.pod4j.apiserver.stream;

import io.netty.buffer.ByteBuf;
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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Port-forward over the WebSocket channel protocol, as fabric8 and other non-Go clients speak it:
 * each requested port has a data channel (2i) and an error channel (2i+1); the server's first
 * message on each carries the port, two bytes little endian; then the data channel carries the
 * connection's bytes both ways. When the pod's side closes, so does the WebSocket.
 */
final class PortForwardWebSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private final ChannelProtocol protocol;
    private final List<Integer> ports;
    private final String pod;
    private final IntFunction<InetSocketAddress> target;
    private final List<PodConnection> connections = new ArrayList<>();
    private final List<List<ByteBuf>> early = new ArrayList<>();
    private int open;
    private Channel channel;

    PortForwardWebSocketHandler(ChannelProtocol protocol, List<Integer> ports, String pod, IntFunction<InetSocketAddress> target) {
        this.protocol = protocol;
        this.ports = ports;
        this.pod = pod;
        this.target = target;
    }

    /**
     * Announces the ports and connects to the pod; call on the event loop after the handshake.
     *
     * @param ctx this handler's context
     */
    void start(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i);
            byte[] prefix = {(byte) (port & 0xff), (byte) (port >> 8)};
            channel.write(protocol.encode(2 * i, Unpooled.wrappedBuffer(prefix), channel.alloc()));
            channel.write(protocol.encode(2 * i + 1, Unpooled.wrappedBuffer(prefix), channel.alloc()));
            connections.add(null);
            early.add(new ArrayList<>());
        }
        channel.flush();
        open = ports.size();
        for (int i = 0; i < ports.size(); i++) {
            connect(i);
        }
    }

    private void connect(int index) {
        int port = ports.get(index);
        InetSocketAddress address;
        try {
            address = target.apply(port);
        } catch (RuntimeException e) {
            fail(index, e.getMessage());
            return;
        }
        PodConnection.open(channel, address, bytes -> {
            var f = channel.writeAndFlush(protocol.encode(2 * index, bytes, channel.alloc()));
            if (!channel.isWritable()) {
                f.addListener(done -> resumeAll());
            }
        }, () -> channel.eventLoop().execute(this::oneEnded)).whenComplete((connection, failure) -> channel.eventLoop().execute(() -> {
            if (failure != null) {
                fail(index, failure.getMessage());
                return;
            }
            if (!channel.isActive()) {
                connection.close();
                return;
            }
            connections.set(index, connection);
            early.get(index).forEach(connection::write);
            early.get(index).clear();
        }));
    }

    private void resumeAll() {
        connections.stream().filter(java.util.Objects::nonNull).forEach(PodConnection::resume);
    }

    private void fail(int index, String why) {
        String message = "error forwarding port " + ports.get(index) + " to pod " + pod + ": " + why;
        channel.writeAndFlush(protocol.encode(2 * index + 1, Unpooled.copiedBuffer(message, StandardCharsets.UTF_8),
                channel.alloc()));
        oneEnded();
    }

    private void oneEnded() {
        if (--open <= 0 && channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            return;
        }
        if (frame instanceof CloseWebSocketFrame) {
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (frame instanceof PongWebSocketFrame) {
            return;
        }
        ChannelProtocol.Message message;
        try {
            message = protocol.decode(frame);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (message == null) {
            return;
        }
        int index = message.channel() / 2;
        if (message.channel() % 2 != 0 || index >= ports.size() || !message.data().isReadable()) {
            message.data().release();
            return;
        }
        PodConnection connection = connections.get(index);
        if (connection != null) {
            connection.write(message.data());
        } else {
            early.get(index).add(message.data());
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            resumeAll();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        connections.stream().filter(java.util.Objects::nonNull).forEach(PodConnection::close);
        early.forEach(list -> list.forEach(ByteBuf::release));
        super.channelInactive(ctx);
    }
}
