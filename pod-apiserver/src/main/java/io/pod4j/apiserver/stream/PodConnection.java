package io.pod4j.apiserver.stream;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * A TCP connection to a port of a pod, for port-forward: bytes from the pod go to a consumer, the
 * end of the pod's side to another. The client's stream and the pod's socket throttle each other:
 * while the client's connection cannot take more, the pod's socket is not read.
 */
final class PodConnection {

    private static volatile EventLoopGroup group;

    private final Channel channel;

    private PodConnection(Channel channel) {
        this.channel = channel;
    }

    /**
     * @param client the client's connection (its event loop serves the pod connection when it can)
     * @param address the pod's address and port
     * @param data gets the pod's bytes (the consumer releases them)
     * @param ended called once when the pod's side closes
     * @return the connection attempt, completing with the connection or the failure
     */
    static java.util.concurrent.CompletableFuture<PodConnection> open(Channel client, InetSocketAddress address,
            Consumer<ByteBuf> data, Runnable ended) {
        java.util.concurrent.CompletableFuture<PodConnection> result = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable endOnce = () -> {
            if (over.compareAndSet(false, true)) {
                ended.run();
            }
        };
        Bootstrap bootstrap = new Bootstrap()
                .group(client instanceof NioSocketChannel ? client.eventLoop() : sharedGroup())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        data.accept((ByteBuf) msg);
                        if (!client.isWritable()) {
                            ctx.channel().config().setAutoRead(false);
                        }
                    }

                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
                            endOnce.run();
                        }
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        endOnce.run();
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.close();
                    }
                });
        ChannelFuture connect = bootstrap.connect(address);
        connect.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(new PodConnection(connect.channel()));
            } else {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    private static EventLoopGroup sharedGroup() {
        EventLoopGroup g = group;
        if (g == null) {
            synchronized (PodConnection.class) {
                g = group;
                if (g == null) {
                    g = new MultiThreadIoEventLoopGroup(1, r -> {
                        Thread t = new Thread(r, "pod4j-port-forward");
                        t.setDaemon(true);
                        return t;
                    }, NioIoHandler.newFactory());
                    group = g;
                }
            }
        }
        return g;
    }

    /** @param bytes bytes for the pod (released by the write) */
    void write(ByteBuf bytes) {
        channel.writeAndFlush(bytes);
    }

    /** Resumes reading the pod's socket: call when the client's connection can take more. */
    void resume() {
        channel.config().setAutoRead(true);
    }

    /** The client is done sending: half-close towards the pod. */
    void shutdownOutput() {
        if (channel instanceof DuplexChannel duplex) {
            duplex.shutdownOutput();
        }
    }

    void close() {
        channel.close();
    }
}
