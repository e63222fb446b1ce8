package io.pod4j.apiserver.http;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Frame;
import io.fabric8.kubernetes.api.model.Pod;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.pod4j.api.error.PodException;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.kubelet.EphemeralContainers;
import io.pod4j.store.ResourceTypes;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET pods/NAME/log}: a container's log from Docker, streamed as the kubelet serves it
 * ({@code text/plain}, chunked), with {@code container}, {@code follow}, {@code previous},
 * {@code tailLines}, {@code sinceSeconds}/{@code sinceTime}, {@code timestamps} and
 * {@code limitBytes}. A follow ends when the container stops or the client goes away. The request's
 * worker thread is given back once the stream starts; docker-java's transport keeps one thread per
 * open stream (its blocking read), which pod4j cannot share.
 */
final class PodLogs {

    private final PodEngine engine;

    PodLogs(PodEngine engine) {
        this.engine = engine;
    }

    void serve(Exchange ex) {
        String ns = ex.path().namespace();
        String name = ex.path().name();
        Pod pod = engine.store().get(ResourceTypes.PODS, ns, name);
        String container = container(pod, ex.param("container"));
        boolean previous = ex.flag("previous");
        String id;
        try {
            id = engine.handle(ns, name).containerId(container, previous);
        } catch (IllegalArgumentException | PodException e) {
            throw new ApiException(HttpStatuses.badRequest(previous ? e.getMessage()
                    : "container \"" + container + "\" in pod \"" + name + "\" is waiting to start: " + waitingReason(pod, container)));
        }
        LogContainerCmd cmd = engine.docker().streams().logContainerCmd(id).withStdOut(true).withStdErr(true)
                .withTimestamps(ex.flag("timestamps")).withFollowStream(ex.flag("follow"));
        Long tail = ex.number("tailLines");
        if (tail != null) {
            cmd.withTail((int) Math.max(0, tail));
        }
        Long since = since(ex);
        if (since != null) {
            cmd.withSince((int) (long) since);
        }
        Long limit = ex.number("limitBytes");
        if (limit != null && limit <= 0) {
            throw new ApiException(HttpStatuses.invalid("PodLogOptions \"" + name
                    + "\" is invalid: limitBytes: Invalid value: " + limit + ": must be greater than 0"));
        }
        stream(ex, cmd, limit, ex.flag("follow"));
    }

    /**
     * Starts the log's stream and returns: docker-java calls back with each frame on a thread of its
     * own (one per open stream, its transport's blocking read), which writes it to the client.
     */
    private static void stream(Exchange ex, LogContainerCmd cmd, Long limit, boolean follow) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        HttpUtil.setTransferEncodingChunked(response, true);
        // A followed log's connection is not reused: fabric8's Vert.x client resets the request when the stream
        // ends, and over HTTP/1.1 that reset closes the connection even after it went back to the pool, failing
        // the next request with "Connection was closed" (Fabric8ConnectionsIT.laterRequestsOfAVertxClientSucceedAfterFollowedLogsEnd).
        boolean keepAlive = HttpUtil.isKeepAlive(ex.request()) && !follow;
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        Channel channel = ex.ctx().channel();
        channel.writeAndFlush(response);
        AtomicLong left = new AtomicLong(limit == null ? Long.MAX_VALUE : limit);
        AtomicBoolean ended = new AtomicBoolean();
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                byte[] payload = frame.getPayload();
                long room = left.get();
                if (room <= 0) {
                    return;
                }
                int n = (int) Math.min(room, payload.length);
                left.addAndGet(-n);
                channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(payload, 0, n)));
                if (left.get() <= 0) {
                    end(this);
                }
            }

            @Override
            public void onComplete() {
                end(this);
            }

            /** The stream broke (container removed, engine gone): the client sees the log end. */
            @Override
            public void onError(Throwable error) {
                end(this);
            }

            private void end(ResultCallback.Adapter<Frame> self) {
                if (ended.compareAndSet(false, true)) {
                    closeQuietly(self);
                    var done = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                    if (!keepAlive) {
                        done.addListener(ChannelFutureListener.CLOSE);
                    }
                }
            }
        };
        channel.closeFuture().addListener(f -> closeQuietly(callback));
        try {
            cmd.exec(callback);
        } catch (RuntimeException e) {
            callback.onError(e);
        }
    }

    /** @return the container to read: the one named, else the only one, else the default-container annotation */
    static String container(Pod pod, String requested) {
        List<String> names = new ArrayList<>();
        List<String> init = new ArrayList<>();
        pod.getSpec().getContainers().forEach(c -> names.add(c.getName()));
        pod.getSpec().getInitContainers().forEach(c -> init.add(c.getName()));
        List<String> ephemeral = EphemeralContainers.of(pod).stream().map(c -> c.getName()).toList();
        String name = pod.getMetadata().getName();
        if (requested != null && !requested.isEmpty()) {
            if (!names.contains(requested) && !init.contains(requested) && !ephemeral.contains(requested)) {
                throw new ApiException(HttpStatuses.badRequest("container " + requested + " is not valid for pod " + name));
            }
            return requested;
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String preferred = annotations == null ? null : annotations.get("kubectl.kubernetes.io/default-container");
        if (preferred != null && names.contains(preferred)) {
            return preferred;
        }
        throw new ApiException(HttpStatuses.badRequest("a container name must be specified for pod " + name
                + ", choose one of: " + names.toString().replace(",", "")
                + (init.isEmpty() ? "" : " or one of the init containers: " + init.toString().replace(",", ""))
                + (ephemeral.isEmpty() ? "" : " or one of the ephemeral containers: " + ephemeral.toString().replace(",", ""))));
    }

    private static String waitingReason(Pod pod, String container) {
        if (pod.getStatus() != null) {
            var statuses = new ArrayList<>(pod.getStatus().getContainerStatuses());
            statuses.addAll(pod.getStatus().getEphemeralContainerStatuses());
            for (var s : statuses) {
                if (s.getName().equals(container) && s.getState() != null && s.getState().getWaiting() != null) {
                    return s.getState().getWaiting().getReason();
                }
            }
        }
        return "ContainerCreating";
    }

    private static Long since(Exchange ex) {
        Long seconds = ex.number("sinceSeconds");
        if (seconds != null) {
            return Instant.now().getEpochSecond() - seconds;
        }
        String time = ex.param("sinceTime");
        if (time == null || time.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(time).getEpochSecond();
        } catch (DateTimeParseException e) {
            throw new ApiException(HttpStatuses.badRequest("invalid sinceTime \"" + time + "\": not RFC 3339"));
        }
    }

    private static void closeQuietly(ResultCallback.Adapter<Frame> callback) {
        try {
            callback.close();
        } catch (IOException | RuntimeException ignored) {
            // Already closed.
        }
    }
}
