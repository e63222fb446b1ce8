package io.pod4j.apiserver.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.spdy.SpdyHeaders;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Port-forward over SPDY ({@code portforward.k8s.io}), as kubectl speaks it through an upgraded
 * connection or tunnelled in WebSocket: for each local connection the client opens an error stream
 * and a data stream with the same {@code requestID} and a {@code port}; the server connects to that
 * port of the pod and copies bytes both ways on the data stream. A failure is written on the error
 * stream in the kubelet's words.
 */
final class SpdyPortForwardHandler extends SpdyStreamsHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SpdyPortForwardHandler.class);

    private final String pod;
    private final IntFunction<InetSocketAddress> target;
    private final Map<String, Pair> pairs = new HashMap<>();
    private final Map<Integer, Pair> byStream = new HashMap<>();

    /**
     * @param pod the pod's name, for messages
     * @param target the address of a port of the pod
     */
    SpdyPortForwardHandler(String pod, IntFunction<InetSocketAddress> target) {
        this.pod = pod;
        this.target = target;
    }

    /** The two streams of one forwarded connection, and the connection to the pod once made. */
    private static final class Pair {
        int port;
        int dataStream;
        int errorStream;
        PodConnection connection;
        boolean clientDone;
        java.util.List<ByteBuf> early = new java.util.ArrayList<>();
    }

    @Override
    protected void opened(int id, SpdyHeaders headers, boolean fin) {
        String type = header(headers, "streamType");
        String request = header(headers, "requestID");
        String portText = header(headers, "port");
        if (type == null || portText == null) {
            resetStream(id);
            return;
        }
        int port;
        try {
            port = ForwardedPorts.port(portText, portText);
        } catch (IllegalArgumentException e) {
            send(id, e.getMessage().getBytes(StandardCharsets.UTF_8), true);
            return;
        }
        // Clients before requestID existed sent one pair per port at a time.
        Pair pair = pairs.computeIfAbsent(request == null ? "port:" + port : request, k -> new Pair());
        pair.port = port;
        byStream.put(id, pair);
        if ("error".equals(type)) {
            pair.errorStream = id;
        } else if ("data".equals(type)) {
            pair.dataStream = id;
        } else {
            resetStream(id);
            return;
        }
        if (pair.errorStream != 0 && pair.dataStream != 0) {
            pairs.remove(request == null ? "port:" + port : request);
            connect(pair);
        }
    }

    private void connect(Pair pair) {
        InetSocketAddress address;
        try {
            address = target.apply(pair.port);
        } catch (RuntimeException e) {
            fail(pair, e.getMessage());
            return;
        }
        PodConnection.open(channel, address, bytes -> send(pair.dataStream, bytes, false), () -> channel.eventLoop().execute(() -> {
            send(pair.dataStream, new byte[0], true);
            send(pair.errorStream, new byte[0], true);
        })).whenComplete((connection, failure) -> channel.eventLoop().execute(() -> {
            if (failure != null) {
                fail(pair, failure.getMessage());
                return;
            }
            if (!channel.isActive()) {
                connection.close();
                return;
            }
            pair.connection = connection;
            pair.early.forEach(connection::write);
            pair.early.clear();
            if (pair.clientDone) {
                connection.shutdownOutput();
            }
        }));
    }

    private void fail(Pair pair, String why) {
        String message = "error forwarding port " + pair.port + " to pod " + pod + ": " + why;
        LOG.debug(message);
        send(pair.errorStream, message.getBytes(StandardCharsets.UTF_8), true);
        send(pair.dataStream, new byte[0], true);
    }

    @Override
    protected void data(int id, ByteBuf data, boolean fin) {
        Pair pair = byStream.get(id);
        if (pair == null || id != pair.dataStream) {
            return;
        }
        if (data.isReadable()) {
            if (pair.connection != null) {
                pair.connection.write(data.retain());
            } else {
                pair.early.add(data.retain());
            }
        }
        if (fin) {
            pair.clientDone = true;
            if (pair.connection != null) {
                pair.connection.shutdownOutput();
            }
        }
    }

    @Override
    protected void reset(int id) {
        Pair pair = byStream.remove(id);
        if (pair != null && pair.connection != null && id == pair.dataStream) {
            pair.connection.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            byStream.values().stream().filter(p -> p.connection != null).forEach(p -> p.connection.resume());
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    protected void closed() {
        for (Pair pair : byStream.values()) {
            if (pair.connection != null) {
                pair.connection.close();
            }
            pair.early.forEach(ByteBuf::release);
            pair.early.clear();
        }
        byStream.clear();
    }
}
