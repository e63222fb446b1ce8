package io.pod4j.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import io.pod4j.cli.ApiError;
import io.pod4j.cli.supervisor.SupervisorClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code port-forward pod/NAME [LOCAL:]REMOTE...}: listens on this machine and relays each
 * connection to the pod's port through its published 127.0.0.1 address (works where pod IPs are
 * unreachable, as on Docker Desktop), or its pod IP when the port is not declared.
 */
@Command(name = "port-forward", mixinStandardHelpOptions = true, description = "Forward local ports to a pod.")
public class PortForwardCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "pod/NAME or NAME")
    String pod;

    @Parameters(index = "1..*", arity = "1..*", description = "[LOCAL:]REMOTE")
    List<String> ports;

    @Option(names = "--address", split = ",", defaultValue = "localhost", description = "addresses to listen on")
    List<String> addresses;

    @Mixin
    Scope scope;

    @Override
    public Integer call() throws Exception {
        String name = PodRef.name(pod);
        io.pod4j.api.model.Pod p = PodRef.get(scope.namespace(), name);
        String phase = p.status() == null || p.status().phase() == null ? "Pending" : p.status().phase();
        if (!"Running".equals(phase)) {
            throw new ApiError(null, "unable to forward port because pod is not running. Current status=" + phase);
        }
        List<Thread> threads = new ArrayList<>();
        List<ServerSocket> listening = new ArrayList<>();
        List<Integer> remotes = new ArrayList<>();
        for (String spec : ports) {
            String[] parts = spec.split(":");
            int local;
            int remote;
            try {
                local = parts.length == 1 ? Integer.parseInt(parts[0]) : parts[0].isEmpty() ? 0 : Integer.parseInt(parts[0]);
                remote = Integer.parseInt(parts[parts.length - 1]);
            } catch (NumberFormatException e) {
                throw new ApiError(null, "error parsing local port '" + spec + "'");
            }
            for (String address : addresses) {
                // kubectl's "localhost" is 127.0.0.1 and, where the host has IPv6, [::1] on the same port.
                boolean localhost = address.equals("localhost");
                String host = localhost ? "127.0.0.1" : address;
                ServerSocket server = listen(host, local);
                System.out.println("Forwarding from " + host + ":" + server.getLocalPort() + " -> " + remote);
                listening.add(server);
                remotes.add(remote);
                if (localhost) {
                    try {
                        ServerSocket v6 = listen("::1", server.getLocalPort());
                        System.out.println("Forwarding from [::1]:" + v6.getLocalPort() + " -> " + remote);
                        listening.add(v6);
                        remotes.add(remote);
                    } catch (IOException noIpv6) {
                        // No IPv6 loopback here: kubectl then forwards on 127.0.0.1 only, too.
                    }
                }
                System.out.flush();
            }
        }
        // Every "Forwarding from" line comes before the first "Handling connection", as in kubectl:
        // a client that connects on the first line must not print its line between them.
        for (int i = 0; i < listening.size(); i++) {
            threads.add(serveInBackground(listening.get(i), name, remotes.get(i)));
        }
        for (Thread t : threads) {
            t.join();
        }
        return 0;
    }

    private static ServerSocket listen(String host, int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        try {
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private Thread serveInBackground(ServerSocket server, String name, int remote) {
        Thread t = new Thread(() -> serve(server, name, remote), "port-forward-" + remote);
        t.start();
        return t;
    }

    private void serve(ServerSocket server, String name, int remote) {
        while (true) {
            try {
                Socket client = server.accept();
                System.out.println("Handling connection for " + server.getLocalPort());
                System.out.flush();
                new Thread(() -> relay(client, name, remote), "port-forward-conn").start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client, String name, int remote) {
        try (client) {
            JsonNode ep = SupervisorClient.call(SupervisorClient.request("endpoint").put("namespace", scope.namespace())
                    .put("name", name).put("port", remote));
            InetSocketAddress target = ep.hasNonNull("host") ? new InetSocketAddress(ep.get("host").asText(), ep.get("port").asInt())
                    : new InetSocketAddress(ep.path("podIP").asText(), remote);
            try (Socket upstream = new Socket()) {
                upstream.connect(target, 5000);
                Thread back = new Thread(() -> copy(upstream, client), "port-forward-back");
                back.start();
                copy(client, upstream);
                back.join();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("E " + java.time.LocalTime.now() + " portforward: an error occurred forwarding " + remote
                    + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException ignored) {
            // One side closed: the relay ends.
        }
    }
}
