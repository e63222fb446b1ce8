package io.pod4j.apiserver.http;

import io.fabric8.kubernetes.api.model.Status;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request and its answer: the query parameters, the warnings gathered while serving it (sent
 * as {@code Warning: 299 - "..."} headers, as the API server sends them), and the writing of a
 * complete JSON or text response on the request's connection.
 */
final class Exchange {

    private final ChannelHandlerContext ctx;
    private final FullHttpRequest request;
    private final QueryStringDecoder query;
    private final ApiPath path;
    private final List<String> warnings = new ArrayList<>();

    Exchange(ChannelHandlerContext ctx, FullHttpRequest request, ApiPath path) {
        this.ctx = ctx;
        this.request = request;
        this.query = new QueryStringDecoder(request.uri());
        this.path = path;
    }

    ChannelHandlerContext ctx() {
        return ctx;
    }

    FullHttpRequest request() {
        return request;
    }

    ApiPath path() {
        return path;
    }

    /** @return the query parameter's first value, or null */
    String param(String name) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** @return all values of the query parameter, empty when absent */
    List<String> params(String name) {
        return query.parameters().getOrDefault(name, List.of());
    }

    /** @return whether the parameter is {@code true} or {@code 1}, as the API server's boolean parameters */
    boolean flag(String name) {
        String v = param(name);
        return v != null && (v.equals("true") || v.equals("1"));
    }

    /** @return the parameter as a number, or null when absent; 400 when it is not one */
    Long number(String name) {
        String v = param(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ApiException(HttpStatuses.badRequest("invalid value for " + name + ": \"" + v
                    + "\": not an integer"));
        }
    }

    String header(CharSequence name) {
        return request.headers().get(name);
    }

    String body() {
        return request.content().toString(StandardCharsets.UTF_8);
    }

    byte[] bodyBytes() {
        return io.netty.buffer.ByteBufUtil.getBytes(request.content());
    }

    void warn(String message) {
        warnings.add(message);
    }

    void json(HttpResponseStatus status, Object body) {
        send(status, Json.bytes(body), "application/json");
    }

    void status(Status s) {
        int code = s.getCode() == null ? 500 : s.getCode();
        json(HttpResponseStatus.valueOf(code), s);
    }

    void text(HttpResponseStatus status, String text) {
        send(status, text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    void send(HttpResponseStatus status, byte[] body, String contentType) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        addWarnings(response.headers());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    void addWarnings(io.netty.handler.codec.http.HttpHeaders headers) {
        for (String w : warnings) {
            headers.add("Warning", "299 - \"" + w.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
    }
}
