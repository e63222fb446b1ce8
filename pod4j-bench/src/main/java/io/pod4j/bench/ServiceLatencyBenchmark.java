package io.pod4j.bench;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.pod4j.api.build.Pods;
import io.pod4j.api.build.Probes;
import io.pod4j.engine.ExecResult;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Service data path's latency, against three busybox httpd pods behind a Service:
 *
 * <ul>
 * <li>over the pod network from the node (this JVM, Linux with a local engine): a DNS query for the
 *     Service's name to netd's cluster DNS, and an HTTP GET (connect, request, whole answer) to a
 *     pod IP directly against the same through the Service's netd proxy: each a median [p10..p90]
 *     of single timed operations, interleaved;
 * <li>from inside a pod: a busybox client pod runs each operation in a shell loop timed by the pod's
 *     own clock (a DNS lookup of the name, an HTTP GET to a pod IP, to the Service's address, by
 *     the Service's short name), less the loop's floor (starting a busybox applet, which each
 *     operation pays), median [min..max] of the rounds. On a loaded machine the applet's start
 *     dominates and these figures are noisy; the first ones are the data path's own.
 * </ul>
 *
 * <p>Run: {@code java -cp ... io.pod4j.bench.ServiceLatencyBenchmark [rounds] [iterations]}.
 */
public final class ServiceLatencyBenchmark {

    private ServiceLatencyBenchmark() {
    }

    /**
     * @param args rounds (default 5) and operations per round (default 100)
     * @throws Exception when Docker fails
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String run = System.getProperty("pod4j.bench.run", "0");
        try (PodEngine engine = PodEngine.builder().build()) {
            engine.put(new ServiceBuilder().withNewMetadata().withName("bench-svc-" + run).withNamespace("default").endMetadata()
                    .withNewSpec().addToSelector("app", "bench-svc-" + run).addNewPort().withPort(80)
                    .withTargetPort(new IntOrString(8080)).endPort().endSpec().build());
            List<PodHandle> webs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                webs.add(engine.create(Pods.named("bench-svc-" + run + "-" + i).label("app", "bench-svc-" + run)
                        .label("io.pod4j.bench", run)
                        .container("web", c -> c.image("pod4j-test/busybox:1").command("httpd", "-f", "-p", "8080", "-h", "/etc")
                                .port(8080).readinessProbe(Probes.tcpSocket(8080)))
                        .build()));
            }
            PodHandle client = engine.create(Pods.named("bench-svc-" + run + "-client").label("io.pod4j.bench", run)
                    .container("app", c -> c.image("pod4j-test/busybox:1").command("sleep", "3600")).build());
            webs.forEach(w -> w.awaitReady(Duration.ofMinutes(3))); // generous: the machine may be loaded
            client.awaitReady(Duration.ofMinutes(3));
            String name = "bench-svc-" + run;
            String fqdn = name + ".default.svc.cluster.local";
            String podIp = webs.get(0).podIP();
            String serviceIp = sh(client, "env").lines().filter(l -> l.startsWith(name.toUpperCase(Locale.ROOT).replace('-', '_')
                    + "_SERVICE_HOST=")).findFirst().orElseThrow().split("=")[1];
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (!sh(client, "wget -qO- http://" + name + "/hostname || true").contains(".") && System.nanoTime() < deadline) {
                Thread.sleep(100); // the proxy's table follows the endpoints a moment after they are ready
            }
            String dnsServer = sh(client, "cat /etc/resolv.conf").lines().filter(l -> l.startsWith("nameserver "))
                    .findFirst().orElseThrow().substring(11).strip();
            nodeSide(out, fqdn, dnsServer, new InetSocketAddress(podIp, 8080), new InetSocketAddress(serviceIp, 80), iterations * 5);
            Map<String, String> ops = new LinkedHashMap<>();
            ops.put("floor", "/bin/true");
            int inPod = Math.max(10, iterations / 4);
            ops.put("dns", "nslookup " + fqdn);
            ops.put("direct", "wget -qO- http://" + podIp + ":8080/hostname");
            ops.put("proxy", "wget -qO- http://" + serviceIp + ":80/hostname");
            ops.put("name", "wget -qO- http://" + name + "/hostname");
            Map<String, List<Double>> ms = new LinkedHashMap<>();
            ops.keySet().forEach(k -> ms.put(k, new ArrayList<>()));
            for (int r = -1; r < rounds; r++) { // round -1 warms up
                for (var op : ops.entrySet()) {
                    double each = perOperation(client, op.getValue(), inPod);
                    if (r >= 0) {
                        ms.get(op.getKey()).add(each);
                    }
                }
            }
            double floor = Figure.median(ms.get("floor"));
            Map<String, String> labels = Map.of(
                    "dns", "in a pod: nslookup of a Service name (A and AAAA), less an applet's start",
                    "direct", "in a pod: wget of a pod IP, less an applet's start",
                    "proxy", "in a pod: wget of the Service's address (netd proxy), less an applet's start",
                    "name", "in a pod: wget of the Service's short name (DNS + proxy), less an applet's start");
            for (String k : List.of("dns", "direct", "proxy", "name")) {
                List<Double> net = ms.get(k).stream().map(v -> v - floor).toList();
                Figure.info("7", labels.get(k), Figure.stats(net, "ms")).record();
                out.printf(Locale.ROOT, "%-70s %s%n", labels.get(k), Figure.stats(net, "ms"));
            }
            out.printf(Locale.ROOT, "(per operation, less the %.2f ms a busybox applet takes to start in the pod; %d rounds of %d)%n",
                    floor, rounds, inPod);
        }
    }

    /** Single operations from this JVM over the pod network, interleaved: DNS, direct GET, GET through the proxy. */
    private static void nodeSide(PrintStream out, String fqdn, String dnsServer, InetSocketAddress pod, InetSocketAddress service,
            int n) throws IOException {
        List<Double> dns = new ArrayList<>();
        List<Double> direct = new ArrayList<>();
        List<Double> proxied = new ArrayList<>();
        InetSocketAddress server = new InetSocketAddress(dnsServer, 53);
        try (DatagramSocket udp = new DatagramSocket()) {
            udp.setSoTimeout(2000);
            for (int i = -n / 10; i < n; i++) { // the first tenth warms up
                double d = timed(() -> query(udp, server, fqdn));
                double a = timed(() -> get(pod));
                double b = timed(() -> get(service));
                if (i >= 0) {
                    dns.add(d);
                    direct.add(a);
                    proxied.add(b);
                }
            }
        }
        Map<String, List<Double>> rows = new LinkedHashMap<>();
        rows.put("DNS answer for a Service name from netd's cluster DNS (node → pod network)", dns);
        rows.put("HTTP GET to a pod IP directly (node → pod network)", direct);
        rows.put("HTTP GET through the Service's netd proxy (node → pod network)", proxied);
        rows.forEach((what, v) -> {
            Figure.info("7", what, percentiles(v)).record();
            out.printf(Locale.ROOT, "%-75s %s%n", what, percentiles(v));
        });
        out.printf(Locale.ROOT, "(%d operations each; the proxy adds %.2f ms to a GET at the median)%n", n,
                Figure.median(proxied) - Figure.median(direct));
    }

    private interface Op {
        void run() throws IOException;
    }

    private static double timed(Op op) throws IOException {
        long t = System.nanoTime();
        op.run();
        return (System.nanoTime() - t) / 1e6;
    }

    private static String percentiles(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "%.2f ms [p10 %.2f .. p90 %.2f]", v[v.length / 2], v[v.length / 10], v[v.length * 9 / 10]);
    }

    /** One A query, as a resolver sends it; the answer must carry an address. */
    private static void query(DatagramSocket udp, InetSocketAddress server, String name) throws IOException {
        ByteBuffer q = ByteBuffer.allocate(512);
        q.putShort((short) 0x4242).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0).putInt(0);
        for (String label : name.split("\\.")) {
            q.put((byte) label.length()).put(label.getBytes(StandardCharsets.US_ASCII));
        }
        q.put((byte) 0).putShort((short) 1).putShort((short) 1);
        udp.send(new DatagramPacket(q.array(), q.position(), server));
        byte[] buf = new byte[512];
        DatagramPacket answer = new DatagramPacket(buf, buf.length);
        udp.receive(answer);
        if (((buf[6] & 0xff) << 8 | (buf[7] & 0xff)) == 0) {
            throw new IOException("no address for " + name + " from " + server);
        }
    }

    private static void get(InetSocketAddress address) throws IOException {
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(address, 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET /hostname HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = s.getInputStream()) {
                if (in.readAllBytes().length == 0) {
                    throw new IOException("no answer from " + address);
                }
            }
        }
    }

    private static String sh(PodHandle pod, String script) {
        ExecResult r = pod.exec("app", "sh", "-c", script);
        return r.stdout();
    }

    /** @return milliseconds per run of the command, by the pod's clock (/proc/uptime: 10 ms over the whole loop) */
    private static double perOperation(PodHandle client, String command, int n) {
        String out = sh(client, "s=$(cut -d' ' -f1 /proc/uptime); i=0; while [ $i -lt " + n + " ]; do " + command
                + " >/dev/null 2>&1; i=$((i+1)); done; e=$(cut -d' ' -f1 /proc/uptime); echo $s $e").strip();
        String[] t = out.split(" ");
        return (Double.parseDouble(t[1]) - Double.parseDouble(t[0])) * 1000 / n;
    }
}
