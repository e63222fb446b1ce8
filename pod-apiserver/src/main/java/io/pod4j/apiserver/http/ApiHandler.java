package io.pod4j.apiserver.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.pod4j.apiserver.discovery.Discovery;
import io.pod4j.apiserver.discovery.VersionInfo;
import io.pod4j.apiserver.openapi.OpenApiV2Protobuf;
import io.pod4j.store.StoreException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection's pipeline: hands each request to a worker thread (store calls
 * take a lock and streams block; the event loop must not), one request of a connection after the
 * other, where the token is checked, discovery answers at once and resources go to {@link Resources}. Every refusal is a
 * {@code metav1.Status}; an unexpected exception is a 500 with its message, never a stack trace.
 */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final Authenticator authenticator;
    private final ExecutorService workers;
    private final Resources resources;
    private final Extensions extensions;
    private final String serverAddress;
    /**
     * The previous request of this connection: the next one runs after it, so that answers go out
     * in the order of the requests even when a client pipelines them (HTTP/1.1 requires it).
     */
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

    ApiHandler(Authenticator authenticator, ExecutorService workers, Resources resources, Extensions extensions,
            String serverAddress) {
        this.authenticator = authenticator;
        this.workers = workers;
        this.resources = resources;
        this.extensions = extensions;
        this.serverAddress = serverAddress;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        ApiPath path = ApiPath.parse(new QueryStringDecoder(request.uri()).rawPath());
        Exchange exchange = new Exchange(ctx, request, path);
        request.retain();
        previous = previous.thenRunAsync(() -> {
            try {
                serve(exchange);
            } finally {
                request.release();
            }
        }, workers).exceptionally(shuttingDown -> {
            if (shuttingDown.getCause() instanceof RejectedExecutionException) {
                request.release();
            }
            return null;
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private void serve(Exchange ex) {
        try {
            if (!ex.request().decoderResult().isSuccess()) {
                throw new ApiException(HttpStatuses.badRequest("malformed HTTP request: "
                        + ex.request().decoderResult().cause().getMessage()));
            }
            if (ex.path().kind() != ApiPath.Kind.HEALTH
                    && !authenticator.accepts(ex.request().headers().get(HttpHeaderNames.AUTHORIZATION))) {
                throw new ApiException(HttpStatuses.unauthorized());
            }
            route(ex);
        } catch (ApiException e) {
            ex.status(e.status());
        } catch (StoreException e) {
            ex.status(e.status());
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", ex.request().method(), ex.request().uri(), e);
            ex.status(HttpStatuses.internalError(String.valueOf(e.getMessage())));
        }
    }

    private void route(Exchange ex) {
        ApiPath path = ex.path();
        if (path.kind() == ApiPath.Kind.RESOURCE) {
            resources.serve(ex);
            return;
        }
        if (path.kind() == ApiPath.Kind.UNKNOWN) {
            throw new ApiException(HttpStatuses.notFound());
        }
        if (!ex.request().method().equals(HttpMethod.GET) && !ex.request().method().equals(HttpMethod.HEAD)) {
            throw new ApiException(HttpStatuses.methodNotAllowed());
        }
        switch (path.kind()) {
            case CORE_VERSIONS -> ex.json(HttpResponseStatus.OK, Discovery.coreVersions(serverAddress));
            case GROUPS -> ex.json(HttpResponseStatus.OK, Discovery.groups());
            case GROUP -> {
                var group = Discovery.group(path.group());
                if (group == null) {
                    throw new ApiException(HttpStatuses.notFound());
                }
                ex.json(HttpResponseStatus.OK, group);
            }
            case GROUP_VERSION -> {
                var list = Discovery.resources(path.group(), path.version());
                if (list == null) {
                    throw new ApiException(HttpStatuses.notFound());
                }
                ex.json(HttpResponseStatus.OK, list);
            }
            case VERSION -> ex.json(HttpResponseStatus.OK, VersionInfo.document());
            case HEALTH -> ex.text(HttpResponseStatus.OK, "ok");
            case OPENAPI -> {
                String accept = ex.header(HttpHeaderNames.ACCEPT);
                boolean protobuf = "v2".equals(path.rest()) && Accepts.openApiV2Protobuf(accept);
                if (!protobuf && !Accepts.json(accept)) {
                    throw new ApiException(HttpStatuses.notAcceptable("application/json"));
                }
                byte[] document = extensions.openApi().document(path.rest())
                        .orElseThrow(() -> new ApiException(HttpStatuses.notFound()));
                if (protobuf) {
                    // what kubectl asks /openapi/v2 for (explain --output=plaintext-openapiv2, kubectl 1.20's validation)
                    ex.send(HttpResponseStatus.OK, OpenApiV2Protobuf.encode(document), OpenApiV2Protobuf.MEDIA_TYPE);
                } else {
                    ex.send(HttpResponseStatus.OK, document, "application/json");
                }
            }
            default -> throw new ApiException(HttpStatuses.notFound());
        }
    }
}
