package io.pod4j.apiserver;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.Version;
import io.pod4j.engine.PodEngine;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A user's program with its own Netty (whatever version is on its class path) that also serves
 * pod4j's API: it runs an HTTP server of its own on its Netty, starts the API server, asks both,
 * and prints what each answered. Run by {@link UserNettyIT} in a JVM of its own.
 */
public final class UserNettyApp {

    private UserNettyApp() {
    }

    /** @param args the state directory */
    public static void main(String[] args) throws Exception {
        String version = Version.identify().get("netty-common").artifactVersion();
        System.out.println("user netty: " + version);
        EventLoopGroup group = new NioEventLoopGroup(1);
        try (PodEngine engine = PodEngine.builder().stateDir(Path.of(args[0])).build()) {
            Channel own = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1024),
                                    new SimpleChannelInboundHandler<FullHttpRequest>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest r) {
                                            var answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                                                    Unpooled.copiedBuffer("netty " + version, StandardCharsets.UTF_8));
                                            answer.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.content().readableBytes());
                                            ctx.writeAndFlush(answer);
                                        }
                                    });
                        }
                    }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            int ownPort = ((InetSocketAddress) own.localAddress()).getPort();
            try (ApiServer api = ApiServer.start(engine, ApiServerOptions.defaults().stateDir(Path.of(args[0])))) {
                HttpClient http = HttpClient.newBuilder().sslContext(trusting(api)).build();
                var mine = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ownPort + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                System.out.println("user server: " + mine.statusCode() + " " + mine.body());
                var fromApi = http.send(HttpRequest.newBuilder(URI.create(api.url() + "/api/v1/namespaces/default"))
                        .header("Authorization", "Bearer " + api.token()).build(), HttpResponse.BodyHandlers.ofString());
                System.out.println("api server: " + fromApi.statusCode() + " " + fromApi.body());
            } finally {
                own.close().sync();
            }
        } finally {
            group.shutdownGracefully().sync();
        }
    }

    private static SSLContext trusting(ApiServer api) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(api.kubeconfig().resolveSibling("ca.crt"))) {
            trust.setCertificateEntry("pod4j", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }
}
