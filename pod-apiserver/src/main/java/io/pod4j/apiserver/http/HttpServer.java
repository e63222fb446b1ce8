package io.pod4j.apiserver.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import io.pod4j.engine.PodEngine;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Netty server: TLS, HTTP/1.1 (no HTTP/2 is offered, so clients settle on HTTP/1.1), requests
 * aggregated up to the body limit (larger ones get 413 as a Status), then {@link ApiHandler}. Up to
 * {@value #MAX_LOOPS} event-loop threads (one per core) accept, read, encrypt and write; requests run
 * on worker threads, which a watch gives back at once: the events of every open watch are written by
 * its connection's event loop.
 */
public final class HttpServer implements AutoCloseable {

    private static final int MAX_LOOPS = 2;

    private final EventLoopGroup loop;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Channel channel;
    private final ConnectionCount connections;

    private HttpServer(EventLoopGroup loop, ExecutorService workers, ScheduledExecutorService timer, Channel channel,
            ConnectionCount connections) {
        this.loop = loop;
        this.workers = workers;
        this.timer = timer;
        this.channel = channel;
        this.connections = connections;
    }

    /** Counts the clients' connections, so that a host process can tell when nobody uses the API. */
    private static final class ConnectionCount {
        final AtomicInteger open = new AtomicInteger();
        final java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();

        void opened(Channel ch) {
            open.incrementAndGet();
            accepted.incrementAndGet();
            ch.closeFuture().addListener(f -> open.decrementAndGet());
        }
    }

    /**
     * The part of a start that needs no engine: the threads, and Netty's classes loaded. A host that
     * builds its engine meanwhile (on another core) takes this off its start's critical path;
     * {@link Prepared#serve} then binds.
     *
     * @return the threads, not yet serving
     */
    public static Prepared prepare() {
        int loops = Math.max(1, Math.min(MAX_LOOPS, Runtime.getRuntime().availableProcessors()));
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(loops, threads("pod4j-api-io"), NioIoHandler.newFactory());
        ExecutorService workers = Executors.newCachedThreadPool(threads("pod4j-api"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads("pod4j-api-timer"));
        new HttpServerCodec(); // loads the classes of the first connection's pipeline now, not when it connects
        return new Prepared(loop, workers, timer);
    }

    /** A server's threads, not yet serving: {@link #serve} binds, {@link #close} gives them back. */
    public static final class Prepared implements AutoCloseable {

        private final EventLoopGroup loop;
        private final ExecutorService workers;
        private final ScheduledExecutorService timer;

        private Prepared(EventLoopGroup loop, ExecutorService workers, ScheduledExecutorService timer) {
            this.loop = loop;
            this.workers = workers;
            this.timer = timer;
        }

        /**
         * Binds 127.0.0.1 and starts serving; on failure the threads are given back.
         *
         * @param engine the engine whose store (and pods' logs and streams) are served
         * @param ssl the server's TLS context
         * @param authenticator the token check
         * @param port the port, 0 for any free one
         * @param maxRequestBytes the body limit
         * @param extensions OpenAPI, Tables, streams, apply
         * @return the running server
         * @throws InterruptedException when interrupted while binding
         */
        public HttpServer serve(PodEngine engine, SSLContext ssl, Authenticator authenticator, int port,
                int maxRequestBytes, Extensions extensions) throws InterruptedException {
            try {
                Namespaces namespaces = new Namespaces(engine.store(), timer);
                namespaces.start();
                Watches watches = new Watches(engine.store(), Duration.ofMinutes(1), maxRequestBytes, timer);
                Resources resources = new Resources(engine, extensions, watches, namespaces);
                String[] address = new String[1];
                ConnectionCount connections = new ConnectionCount();
                ServerBootstrap b = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                connections.opened(ch);
                                SSLEngine engine = ssl.createSSLEngine();
                                engine.setUseClientMode(false);
                                ch.pipeline().addLast("tls", new SslHandler(engine));
                                ch.pipeline().addLast("http", new HttpServerCodec());
                                ch.pipeline().addLast("aggregator", new LimitedAggregator(maxRequestBytes));
                                ch.pipeline().addLast("api", new ApiHandler(authenticator, workers, resources, extensions,
                                        address[0]));
                            }
                        });
                Channel channel = b.bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
                address[0] = "127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort();
                return new HttpServer(loop, workers, timer, channel, connections);
            } catch (InterruptedException | RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Gives the threads back (a start that failed elsewhere). */
        @Override
        public void close() {
            loop.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
            workers.shutdownNow();
            timer.shutdownNow();
        }
    }

    /** @return the port it listens on */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** @return the connections open now (an open watch, log stream or exec is one) */
    public int openConnections() {
        return connections.open.get();
    }

    /** @return the connections accepted since the server started */
    public long acceptedConnections() {
        return connections.accepted.get();
    }

    /** Stops listening, ends open watches and streams, and stops its threads. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownNow();
        timer.shutdownNow();
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Answers an oversized body with the API server's 413 Status and closes the connection once the
     * client has sent the rest of the body (which is discarded): closing while it still sends would
     * reset the connection before the client reads the answer.
     */
    private static final class LimitedAggregator extends HttpObjectAggregator {

        private final int limit;
        private boolean closeAfterBody;

        LimitedAggregator(int limit) {
            super(limit);
            this.limit = limit;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            if (!(oversized instanceof HttpRequest)) {
                ctx.close();
                return;
            }
            FullHttpResponse response = tooLarge();
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response);
            closeAfterBody = true;
        }

        /** A client that asked {@code Expect: 100-continue} for a body too large gets the Status too, and sends no body. */
        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
            if (answer instanceof FullHttpResponse r && r.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
                r.release();
                return tooLarge();
            }
            return answer;
        }

        private FullHttpResponse tooLarge() {
            byte[] body = Json.bytes(HttpStatuses.tooLarge(limit));
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            return response;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            boolean last = msg instanceof LastHttpContent;
            super.channelRead(ctx, msg);
            if (last && closeAfterBody) {
                closeAfterBody = false;
                ctx.close();
            }
        }
    }
}
