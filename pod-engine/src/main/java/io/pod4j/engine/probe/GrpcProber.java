package io.pod4j.engine.probe;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The kubelet's gRPC probe: one grpc.health.v1 Health/Check call; SERVING is success. Only loaded
 * when a pod has a grpc probe, so gRPC stays an optional dependency of pod-engine.
 */
final class GrpcProber {

    private GrpcProber() {
    }

    static ProbeResult check(InetSocketAddress address, String service, Duration timeout) {
        String target = address.getHostString() + ":" + address.getPort();
        ManagedChannel channel = NettyChannelBuilder.forAddress(address.getHostString(), address.getPort()).usePlaintext().build();
        try {
            HealthCheckResponse response = HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .check(HealthCheckRequest.newBuilder().setService(service == null ? "" : service).build());
            if (response.getStatus() == HealthCheckResponse.ServingStatus.SERVING) {
                return ProbeResult.ok();
            }
            return ProbeResult.failed("service unhealthy (responded with \"" + response.getStatus() + "\")");
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            return ProbeResult.failed(switch (code) {
                case DEADLINE_EXCEEDED -> "timeout: health rpc did not complete within " + timeout.toSeconds() + "s";
                case UNAVAILABLE -> "failed to connect service \"" + target + "\" within " + timeout.toSeconds() + "s: "
                        + e.getStatus().getDescription();
                case UNIMPLEMENTED -> "this server does not implement the grpc health protocol (grpc.health.v1.Health): "
                        + e.getStatus().getDescription();
                default -> "health rpc probe failed: " + e.getStatus();
            });
        } finally {
            channel.shutdownNow();
        }
    }
}
