package io.pod4j.apiserver.stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.kubelet.EphemeralContainers;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The entry point for a pod's streaming subresources ({@code exec}, {@code attach},
 * {@code portforward}): checks the request as the API server does, answers the upgrade the client
 * asks for (WebSocket with a channel or SPDY-tunnelling subprotocol, or a SPDY/3.1 upgrade), and
 * replaces the connection's HTTP handlers with the protocol's. Errors before the upgrade are
 * answered as a metav1.Status.
 */
public final class PodStreamHandler {

    /** WebSocket subprotocol of kubectl 1.31+ port-forward: SPDY/3.1 frames inside binary messages. */
    static final String SPDY_TUNNEL = "SPDY/3.1+portforward.k8s.io";
    /** The SPDY sub-protocol of port-forward. */
    static final String PORT_FORWARD = "portforward.k8s.io";
    /** The SPDY sub-protocol of exec and attach this server speaks (kubectl 1.5 and later offer it first). */
    static final String EXEC_SPDY = "v4.channel.k8s.io";

    private static final int MAX_FRAME = 1 << 20;

    private PodStreamHandler() {
    }

    /**
     * Serves {@code pods/NAME/exec}, {@code /attach} or {@code /portforward}, from the handler that
     * received the request (on its event loop or another thread); the connection belongs to the
     * stream afterwards (its HTTP handlers and the calling handler are removed). The request is not
     * released.
     *
     * @param ctx the context of the handler that received the request
     * @param request the request, with its headers (any body is ignored)
     * @param engine the engine running the pod
     * @param namespace the pod's namespace
     * @param name the pod's name
     * @param subresource {@code exec}, {@code attach} or {@code portforward}
     */
    public static void serve(ChannelHandlerContext ctx, HttpRequest request, PodEngine engine, String namespace, String name,
            String subresource) {
        if (!ctx.executor().inEventLoop()) {
            // Pipeline surgery and the handshake belong on the connection's event loop, between two reads.
            io.netty.util.ReferenceCountUtil.retain(request);
            ctx.executor().execute(() -> {
                try {
                    serve(ctx, request, engine, namespace, name, subresource);
                } finally {
                    io.netty.util.ReferenceCountUtil.release(request);
                }
            });
            return;
        }
        try {
            switch (subresource) {
                case "exec", "attach" -> exec(ctx, request, engine, namespace, name, subresource.equals("attach"));
                case "portforward" -> portForward(ctx, request, engine, namespace, name);
                default -> throw StreamErrors.Refused.notFound("the server could not find the requested resource");
            }
        } catch (StreamErrors.Refused refused) {
            StreamErrors.respond(ctx, refused);
        } catch (RuntimeException e) {
            // The pod went away meanwhile, or Docker failed: an answer, never a hung connection.
            StreamErrors.respond(ctx, new StreamErrors.Refused(500, "InternalError", "Internal error occurred: " + e.getMessage()));
        }
    }

    private static void exec(ChannelHandlerContext ctx, HttpRequest request, PodEngine engine, String namespace, String name,
            boolean attach) {
        Map<String, List<String>> params = new QueryStringDecoder(request.uri()).parameters();
        StreamOptions options;
        try {
            options = StreamOptions.of(params);
        } catch (IllegalArgumentException e) {
            throw StreamErrors.Refused.badRequest(e.getMessage());
        }
        if (!attach && options.command().isEmpty()) {
            throw StreamErrors.Refused.badRequest("you must specify at least 1 command");
        }
        if (!options.anyStream()) {
            throw StreamErrors.Refused.badRequest("you must specify at least 1 of stdin, stdout, stderr");
        }
        Pod pod = pod(engine, namespace, name);
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            throw StreamErrors.Refused.badRequest("cannot " + (attach ? "attach to" : "exec into")
                    + " a container in a completed pod; current phase is " + phase);
        }
        Container container = container(pod, options.container());
        StreamOptions resolved = new StreamOptions(container.getName(), options.command(), options.stdin(), options.stdout(),
                options.stderr(), options.tty());
        PodHandle handle = engine.handle(namespace, name);
        String containerId;
        try {
            containerId = handle.containerId(container.getName(), false);
        } catch (IllegalArgumentException e) {
            throw StreamErrors.Refused.notFound("container not found (\"" + container.getName() + "\")");
        }
        boolean containerTty = Boolean.TRUE.equals(container.getTty());
        StreamSession.Starter starter = attach
                ? output -> ContainerSession.attach(engine.docker(), containerId, resolved, containerTty,
                        Boolean.TRUE.equals(container.getStdinOnce()), output)
                : output -> ContainerSession.exec(engine.docker(), containerId, resolved, output);
        if (isWebSocket(request)) {
            String chosen = negotiate(offered(request, HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL.toString()), ChannelProtocol.names());
            ChannelProtocol protocol = ChannelProtocol.named(chosen);
            ExecWebSocketHandler handler = new ExecWebSocketHandler(protocol, resolved, starter);
            upgradeWebSocket(ctx, request, chosen, handler, handler::start);
        } else if (isSpdy(request)) {
            String chosen = negotiateSpdy(request, List.of(EXEC_SPDY));
            upgradeSpdy(ctx, chosen, new SpdyExecHandler(resolved, starter, true));
        } else {
            throw StreamErrors.Refused.badRequest("Upgrade request required");
        }
    }

    private static void portForward(ChannelHandlerContext ctx, HttpRequest request, PodEngine engine, String namespace,
            String name) {
        Pod pod = pod(engine, namespace, name);
        IntFunction<InetSocketAddress> target = port -> address(engine, pod, port);
        if (isWebSocket(request)) {
            List<String> offered = offered(request, HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL.toString());
            if (offered.contains(SPDY_TUNNEL)) {
                SpdyPortForwardHandler handler = new SpdyPortForwardHandler(name, target);
                upgradeWebSocket(ctx, request, SPDY_TUNNEL, handler, c -> {
                    ChannelPipeline p = c.pipeline();
                    p.addBefore(c.name(), "pod4j-tunnel", new WebSocketTunnel());
                    p.addBefore(c.name(), "pod4j-spdy", new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
                });
                return;
            }
            List<Integer> ports;
            try {
                ports = ForwardedPorts.parse(new QueryStringDecoder(request.uri()).parameters());
            } catch (IllegalArgumentException e) {
                throw StreamErrors.Refused.badRequest(e.getMessage());
            }
            List<String> supported = new ArrayList<>(List.of(ChannelProtocol.V4.subprotocol(),
                    ChannelProtocol.V4_BASE64.subprotocol(), PORT_FORWARD));
            String chosen = offered.isEmpty() ? null : negotiate(offered, supported);
            ChannelProtocol framing = ChannelProtocol.V4_BASE64.subprotocol().equals(chosen) ? ChannelProtocol.V4_BASE64
                    : ChannelProtocol.V4;
            PortForwardWebSocketHandler handler = new PortForwardWebSocketHandler(framing, ports, name, target);
            upgradeWebSocket(ctx, request, chosen, handler, handler::start);
        } else if (isSpdy(request)) {
            String chosen = negotiateSpdy(request, List.of(PORT_FORWARD));
            upgradeSpdy(ctx, chosen, new SpdyPortForwardHandler(name, target));
        } else {
            throw StreamErrors.Refused.badRequest("Upgrade request required");
        }
    }

    /**
     * Where to reach a port of a pod: where Docker publishes it on this machine when a container
     * declares it (that works where pod IPs are unreachable, as on Docker Desktop), else the pod's
     * IP, which reaches any port the pod listens on, declared or not, as in a cluster.
     */
    private static InetSocketAddress address(PodEngine engine, Pod pod, int port) {
        String name = pod.getMetadata().getName();
        for (Container c : orEmpty(pod.getSpec().getContainers())) {
            boolean declared = orEmpty(c.getPorts()).stream().anyMatch(p -> p.getContainerPort() != null && p.getContainerPort() == port
                    && (p.getProtocol() == null || "TCP".equals(p.getProtocol())));
            if (declared) {
                try {
                    return engine.handle(pod.getMetadata().getNamespace(), name).endpoint(c.getName(), port);
                } catch (RuntimeException notPublished) {
                    break;
                }
            }
        }
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        if (ip == null || ip.isEmpty()) {
            throw new IllegalStateException("pod " + name + " has no IP address yet");
        }
        return new InetSocketAddress(ip, port);
    }

    private static Pod pod(PodEngine engine, String namespace, String name) {
        return engine.get(namespace, name).orElseThrow(() -> StreamErrors.Refused.notFound("pods \"" + name + "\" not found"));
    }

    /** The container a request names (an ephemeral one too: kubectl debug attaches to it), or the pod's only one, as the API server chooses. */
    static Container container(Pod pod, String requested) {
        List<Container> all = Stream.of(orEmpty(pod.getSpec().getContainers()).stream(),
                orEmpty(pod.getSpec().getInitContainers()).stream(),
                EphemeralContainers.of(pod).stream().map(EphemeralContainers::asContainer)).flatMap(s -> s).toList();
        String podName = pod.getMetadata().getName();
        if (requested == null) {
            List<Container> main = orEmpty(pod.getSpec().getContainers());
            if (main.size() == 1) {
                return main.get(0);
            }
            throw StreamErrors.Refused.badRequest("a container name must be specified for pod " + podName + ", choose one of: "
                    + main.stream().map(Container::getName).toList().toString().replace(",", ""));
        }
        return all.stream().filter(c -> c.getName().equals(requested)).findFirst()
                .orElseThrow(() -> StreamErrors.Refused.badRequest("container " + requested + " is not valid for pod " + podName));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static boolean isWebSocket(HttpRequest request) {
        return "websocket".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE));
    }

    private static boolean isSpdy(HttpRequest request) {
        String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).startsWith("spdy/3.1");
    }

    /** Every value of a header that may be repeated or comma-separated. */
    static List<String> offered(HttpRequest request, String header) {
        return request.headers().getAll(header).stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** The first protocol the client offers that the server speaks, as Kubernetes' handshakes choose. */
    static String negotiate(List<String> offered, List<String> supported) {
        for (String p : offered) {
            if (supported.contains(p)) {
                return p;
            }
        }
        throw new StreamErrors.Refused(400, "BadRequest", "unable to upgrade connection: requested protocol(s) are not supported: "
                + offered.toString().replace(",", "") + "; supports " + supported.toString().replace(",", ""));
    }

    private static String negotiateSpdy(HttpRequest request, List<String> supported) {
        List<String> offered = offered(request, "X-Stream-Protocol-Version");
        for (String p : offered) {
            if (supported.contains(p)) {
                return p;
            }
        }
        throw new StreamErrors.Refused(403, "Forbidden", "unable to upgrade: unable to negotiate protocol: client supports "
                + offered.toString().replace(",", "") + ", server supports " + supported.toString().replace(",", ""));
    }

    /** What to do once the handshake's answer is written, with the protocol handler's context. */
    private interface Started {
        void run(ChannelHandlerContext handlerContext);
    }

    private static void upgradeWebSocket(ChannelHandlerContext ctx, HttpRequest request, String subprotocol, ChannelHandler handler,
            Started started) {
        String scheme = ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null ? "wss" : "ws";
        String url = scheme + "://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
        WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(url, subprotocol, false, MAX_FRAME);
        WebSocketServerHandshaker handshaker = factory.newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        ChannelHandler caller = ctx.handler();
        var done = request instanceof FullHttpRequest full ? handshaker.handshake(ctx.channel(), full)
                : handshaker.handshake(ctx.channel(), request);
        String decoder = pipeline.context(WebSocketFrameDecoder.class).name();
        // Channel protocols give meaning to message boundaries (the first byte names the channel):
        // a message a client sends in fragments is put back together first.
        pipeline.addAfter(decoder, "pod4j-ws-messages", new WebSocketFrameAggregator(MAX_FRAME));
        pipeline.addAfter("pod4j-ws-messages", "pod4j-stream", handler);
        pipeline.remove(caller);
        done.addListener(f -> {
            if (f.isSuccess()) {
                ChannelHandlerContext handlerContext = pipeline.context(handler);
                if (handlerContext != null) {
                    started.run(handlerContext);
                }
            } else {
                ctx.channel().close();
            }
        });
    }

    private static void upgradeSpdy(ChannelHandlerContext ctx, String protocol, SpdyStreamsHandler handler) {
        ChannelPipeline pipeline = ctx.pipeline();
        ChannelHandlerContext codec = Stream.of(HttpServerCodec.class, HttpRequestDecoder.class)
                .map(pipeline::context).filter(java.util.Objects::nonNull).findFirst()
                .orElseThrow(() -> new IllegalStateException("no HTTP codec in the pipeline: " + pipeline.names()));
        String answer = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n"
                + "X-Stream-Protocol-Version: " + protocol + "\r\n\r\n";
        // The answer goes out as raw bytes below the HTTP codec (through TLS), so no encoder state matters afterwards.
        codec.writeAndFlush(Unpooled.copiedBuffer(answer, StandardCharsets.US_ASCII));
        pipeline.addAfter(codec.name(), "pod4j-spdy", new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
        pipeline.addAfter("pod4j-spdy", "pod4j-stream", handler);
        for (Class<? extends ChannelHandler> http : List.of(HttpObjectAggregator.class, HttpServerKeepAliveHandler.class,
                io.netty.handler.codec.http.HttpContentCompressor.class, HttpResponseEncoder.class)) {
            if (pipeline.get(http) != null) {
                pipeline.remove(http);
            }
        }
        pipeline.remove(ctx.handler());
        // Last: removing the decoder passes any bytes it holds on to the SPDY codec.
        pipeline.remove(codec.handler());
    }
}
