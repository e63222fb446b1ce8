package io.pod4j.apiserver.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.pod4j.engine.PodEngine;

/**
 * The streaming subresources of a pod: {@code exec}, {@code attach}, {@code portforward}. The
 * server has checked the token and parsed the path; the handler owns the connection from here
 * (WebSocket or SPDY upgrade, or an error answer).
 */
@FunctionalInterface
public interface PodStreams {

    /** None: answered 400 {@code BadRequest}, naming what is missing. */
    PodStreams NONE = (ctx, request, engine, namespace, pod, subresource) -> {
        throw new ApiException(HttpStatuses.badRequest("pods/" + subresource
                + " is not served by this pod4j build (no stream handler is installed)"));
    };

    /**
     * Called on a worker thread (not the event loop), once per request; the request is released
     * after this returns ({@code retain()} it to keep it).
     *
     * @param ctx the connection's context, its pipeline: TLS, HTTP codec, aggregator, the API handler
     * @param request the request, before any upgrade
     * @param engine the engine whose pods are served
     * @param namespace the pod's namespace
     * @param pod the pod's name
     * @param subresource {@code exec}, {@code attach} or {@code portforward}
     */
    void serve(ChannelHandlerContext ctx, FullHttpRequest request, PodEngine engine, String namespace, String pod,
            String subresource);
}
