package io.pod4j.api.build;

import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.GRPCAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import java.util.ArrayList;
import java.util.List;

/**
 * The four probe handlers as one-liners: {@code Probes.httpGet("/healthz", 8080)}. Timings stay
 * unset (the API server's defaults fill them in); set them on the returned fabric8 {@link Probe},
 * e.g. {@code Probes.tcpSocket(80).edit().withPeriodSeconds(1).build()}.
 */
public final class Probes {

    private Probes() {
    }

    /** @param command the command run in the container; exit code 0 is success @return an exec probe */
    public static Probe exec(String... command) {
        ExecAction exec = new ExecAction();
        exec.setCommand(new ArrayList<>(List.of(command)));
        Probe p = new Probe();
        p.setExec(exec);
        return p;
    }

    /** @param path the URL path @param port the port number @return an HTTP GET probe */
    public static Probe httpGet(String path, int port) {
        return httpGet(path, new IntOrString(port));
    }

    /** @param path the URL path @param portName the name of a container port @return an HTTP GET probe */
    public static Probe httpGet(String path, String portName) {
        return httpGet(path, new IntOrString(portName));
    }

    private static Probe httpGet(String path, IntOrString port) {
        HTTPGetAction get = new HTTPGetAction();
        get.setPath(path);
        get.setPort(port);
        Probe p = new Probe();
        p.setHttpGet(get);
        return p;
    }

    /** @param port the port number @return a probe that succeeds when a TCP connection opens */
    public static Probe tcpSocket(int port) {
        TCPSocketAction tcp = new TCPSocketAction();
        tcp.setPort(new IntOrString(port));
        Probe p = new Probe();
        p.setTcpSocket(tcp);
        return p;
    }

    /** @param portName the name of a container port @return a probe that succeeds when a TCP connection opens */
    public static Probe tcpSocket(String portName) {
        TCPSocketAction tcp = new TCPSocketAction();
        tcp.setPort(new IntOrString(portName));
        Probe p = new Probe();
        p.setTcpSocket(tcp);
        return p;
    }

    /** @param port the port of a gRPC health service @return a gRPC health-check probe */
    public static Probe grpc(int port) {
        GRPCAction grpc = new GRPCAction();
        grpc.setPort(port);
        Probe p = new Probe();
        p.setGrpc(grpc);
        return p;
    }
}
