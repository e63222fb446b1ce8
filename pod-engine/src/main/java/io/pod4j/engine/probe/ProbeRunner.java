package io.pod4j.engine.probe;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Runs one attempt of a probe or hook handler, as the kubelet's prober does: exec (exit status 0),
 * tcpSocket (a connection opens), httpGet (status 200–399, HTTPS without verifying certificates,
 * redirects to the same host followed, up to 10 requests; a redirect to another host passes with a
 * warning: {@link HttpProbeStep}), grpc (grpc.health.v1 Health/Check answers SERVING;
 * needs the optional gRPC dependencies).
 */
public final class ProbeRunner implements AutoCloseable {

    /** Network attempts that may run at once; one hanging to its timeout delays no other beyond that. */
    private static final int NETWORK_THREADS = 4;

    private final DockerClient docker;
    private final java.util.concurrent.ScheduledThreadPoolExecutor network;

    /**
     * @param docker the client used for exec probes (a streaming client)
     */
    public ProbeRunner(DockerClient docker) {
        this.docker = docker;
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        this.network = new java.util.concurrent.ScheduledThreadPoolExecutor(NETWORK_THREADS, r -> {
            Thread t = new Thread(r, "pod4j-probe-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.network.setRemoveOnCancelPolicy(true);
    }

    /**
     * Where tcpSocket, httpGet and grpc attempts run: they are scheduled and run on the same few
     * threads, with no hand-over to another pool, because at 100 attempts a second the hand-overs
     * cost more CPU than the connections themselves. Exec attempts, which wait on Docker, do not run here.
     *
     * @return the scheduler of network probe attempts
     */
    public java.util.concurrent.ScheduledExecutorService networkScheduler() {
        return network;
    }

    /** Stops the network probe threads (the engine is closing). */
    @Override
    public void close() {
        network.shutdownNow();
    }

    /**
     * @param probe the probe
     * @param target where the container is
     * @return the outcome
     */
    public ProbeResult run(Probe probe, ProbeTarget target) {
        Duration timeout = Duration.ofSeconds(probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds());
        if (probe.getExec() != null) {
            return exec(probe.getExec(), target, timeout);
        }
        if (probe.getTcpSocket() != null) {
            return tcp(probe.getTcpSocket(), target, timeout);
        }
        if (probe.getHttpGet() != null) {
            return httpGet(probe.getHttpGet(), target, timeout);
        }
        if (probe.getGrpc() != null) {
            return grpc(probe, target, timeout);
        }
        return ProbeResult.failed("the probe has no handler");
    }

    /**
     * @param exec the command
     * @param target the container
     * @param timeout how long it may run
     * @return the outcome
     */
    public ProbeResult exec(ExecAction exec, ProbeTarget target, Duration timeout) {
        try {
            String id = docker.execCreateCmd(target.containerId()).withCmd(exec.getCommand().toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            boolean done = docker.execStartCmd(id).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    if (out.size() < 10_240) {
                        out.writeBytes(frame.getPayload());
                    }
                }
            }).awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                return ProbeResult.failed("command \"" + String.join(" ", exec.getCommand()) + "\" timed out");
            }
            Long code = docker.inspectExecCmd(id).exec().getExitCodeLong();
            if (code != null && code == 0) {
                return ProbeResult.ok();
            }
            String output = out.toString().strip();
            return ProbeResult.failed(output.isEmpty() ? "command \"" + String.join(" ", exec.getCommand())
                    + "\" exited with " + code : output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.failed("interrupted");
        } catch (RuntimeException e) {
            return ProbeResult.failed(e.getMessage());
        }
    }

    private static ProbeResult grpc(Probe probe, ProbeTarget target, Duration timeout) {
        try {
            Class.forName("io.grpc.health.v1.HealthGrpc", false, ProbeRunner.class.getClassLoader());
            Class.forName("io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder", false, ProbeRunner.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return ProbeResult.failed("grpc probes need io.grpc:grpc-netty-shaded and io.grpc:grpc-services on the classpath"
                    + " (optional dependencies of pod-engine)");
        }
        return GrpcProber.check(target.address(null, probe.getGrpc().getPort()), probe.getGrpc().getService(), timeout);
    }

    private ProbeResult tcp(TCPSocketAction tcp, ProbeTarget target, Duration timeout) {
        Integer port = port(tcp.getPort(), target);
        if (port == null) {
            return ProbeResult.failed("unknown port name \"" + portText(tcp.getPort()) + "\"");
        }
        InetSocketAddress address = target.address(tcp.getHost(), port);
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) timeout.toMillis());
            return ProbeResult.ok();
        } catch (IOException e) {
            return ProbeResult.failed("dial tcp " + address.getHostString() + ":" + address.getPort() + ": connect: "
                    + (e.getMessage() == null ? "connection refused" : e.getMessage().toLowerCase()));
        }
    }

    /**
     * @param get the request
     * @param target the container
     * @param timeout the whole request's timeout
     * @return the outcome
     */
    public ProbeResult httpGet(HTTPGetAction get, ProbeTarget target, Duration timeout) {
        Integer port = port(get.getPort(), target);
        if (port == null) {
            return ProbeResult.failed("unknown port name \"" + portText(get.getPort()) + "\"");
        }
        InetSocketAddress address = target.address(get.getHost(), port);
        String scheme = get.getScheme() == null ? "http" : get.getScheme().toLowerCase();
        String path = get.getPath() == null || get.getPath().isEmpty() ? "/"
                : get.getPath().startsWith("/") ? get.getPath() : "/" + get.getPath();
        URI uri = URI.create(scheme + "://" + address.getHostString() + ":" + address.getPort() + path);
        long deadline = System.nanoTime() + timeout.toNanos();
        URI first = uri;
        try {
            for (int requests = 1; ; requests++) {
                HttpExchange.Response response = HttpExchange.get(uri, get.getHttpHeaders() == null ? List.of() : get.getHttpHeaders(), () -> TrustAll.SOCKETS, deadline);
                HttpProbeStep.Step step = HttpProbeStep.after(first, uri, requests, response.status(), response.location(), response::body);
                if (step instanceof HttpProbeStep.Follow follow) {
                    uri = follow.next();
                } else {
                    return ((HttpProbeStep.Done) step).result();
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            return ProbeResult.failed("Get \"" + uri + "\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        } catch (IOException e) {
            return ProbeResult.failed("Get \"" + uri + "\": dial tcp " + address.getHostString() + ":" + address.getPort()
                    + ": connect: connection refused");
        }
    }

    private static Integer port(IntOrString port, ProbeTarget target) {
        if (port == null) {
            return null;
        }
        return port.getIntVal() != null ? port.getIntVal() : target.namedPorts().get(port.getStrVal());
    }

    private static String portText(IntOrString port) {
        return port == null ? "" : port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
    }

    /**
     * The sockets of https probes, made on the first one: a TLS context loads the JSSE provider and
     * seeds a SecureRandom, a quarter of a second of a cold JVM that most pods never need.
     */
    private static final class TrustAll {
        static final javax.net.ssl.SSLSocketFactory SOCKETS = trustAll().getSocketFactory();
    }

    private static SSLContext trustAll() {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    // The kubelet does not verify probe certificates.
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // The kubelet does not verify probe certificates.
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return ssl;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
