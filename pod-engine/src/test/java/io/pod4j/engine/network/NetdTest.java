package io.pod4j.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * netd, the program shipped in pod4j's netd image, run here as a plain process on 127.0.0.1 (it is
 * a static Linux x86-64 binary): DNS messages as a resolver sends them, and the proxy's spreading.
 */
class NetdTest {

    @TempDir
    Path dir;
    private Path table;
    private Process netd;
    private final List<ServerSocket> servers = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void install() throws IOException {
        Path program = dir.resolve("netd");
        try (InputStream in = NetdTest.class.getResourceAsStream("/io/pod4j/engine/runtime/netd-amd64")) {
            Files.copy(in, program);
        }
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        table = dir.resolve("table");
    }

    @AfterEach
    void stop() throws IOException {
        if (netd != null) {
            netd.destroyForcibly();
        }
        for (ServerSocket s : servers) {
            s.close();
        }
        threads.shutdownNow();
    }

    private void start(String role, String table, String bind) throws IOException {
        Files.writeString(this.table, table);
        netd = new ProcessBuilder(dir.resolve("netd").toString(), role, this.table.toString(), bind).inheritIO().start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    // ------------------------------------------------------------------ DNS

    /** A resolver's query: id, RD, one question; the answer's rcode, flags and A records. */
    private record Answer(int id, int flags, int rcode, List<String> addresses, List<Long> ttls) {
    }

    private Answer query(int port, String name, int type) throws IOException {
        ByteBuffer q = ByteBuffer.allocate(512);
        q.putShort((short) 0x1234).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0).putInt(0);
        for (String label : name.split("\\.")) {
            q.put((byte) label.length()).put(label.getBytes(StandardCharsets.US_ASCII));
        }
        q.put((byte) 0).putShort((short) type).putShort((short) 1);
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(2000);
            s.send(new DatagramPacket(q.array(), q.position(), InetAddress.getLoopbackAddress(), port));
            byte[] buf = new byte[512];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            ByteBuffer r = ByteBuffer.wrap(buf, 0, p.getLength());
            int id = r.getShort() & 0xffff;
            int flags = r.getShort() & 0xffff;
            int qd = r.getShort();
            int an = r.getShort();
            r.getInt();
            for (int i = 0; i < qd; i++) {
                for (int len = r.get(); len != 0; len = r.get()) {
                    r.position(r.position() + len);
                }
                r.getInt();
            }
            List<String> addresses = new ArrayList<>();
            List<Long> ttls = new ArrayList<>();
            for (int i = 0; i < an; i++) {
                assertThat(r.getShort() & 0xffff).as("a pointer to the question's name").isEqualTo(0xc00c);
                assertThat(r.getShort()).as("type A").isEqualTo((short) 1);
                assertThat(r.getShort()).as("class IN").isEqualTo((short) 1);
                ttls.add(r.getInt() & 0xffffffffL);
                assertThat(r.getShort()).isEqualTo((short) 4);
                addresses.add((r.get() & 0xff) + "." + (r.get() & 0xff) + "." + (r.get() & 0xff) + "." + (r.get() & 0xff));
            }
            return new Answer(id, flags, flags & 0xf, addresses, ttls);
        }
    }

    private int dns(String table) throws IOException {
        int port = freePort();
        start("dns", table, "127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> query(port, "x.cluster.local", 1) != null);
        return port;
    }

    @Test
    void answersTheARecordsOfAKnownNameAuthoritativelyWithTheQueryId() throws IOException {
        int port = dns("zone cluster.local\na web.shop.svc.cluster.local 172.17.0.9\na web.shop.svc.cluster.local 172.17.0.10\nend\n");

        Answer a = query(port, "web.shop.svc.cluster.local", 1);

        assertThat(a.id()).isEqualTo(0x1234);
        assertThat(a.rcode()).isZero();
        assertThat(a.flags() & 0x8000).as("QR").isNotZero();
        assertThat(a.flags() & 0x0400).as("AA").isNotZero();
        assertThat(a.flags() & 0x0100).as("RD kept").isNotZero();
        assertThat(a.addresses()).containsExactly("172.17.0.9", "172.17.0.10");
        assertThat(a.ttls()).containsOnly(5L);
    }

    @Test
    void namesMatchWhateverTheirCase() throws IOException {
        int port = dns("a web.shop.svc.cluster.local 172.17.0.9\nend\n");

        assertThat(query(port, "WEB.Shop.svc.cluster.local", 1).addresses()).containsExactly("172.17.0.9");
    }

    @Test
    void anUnknownNameInTheClusterDomainIsNxdomain() throws IOException {
        int port = dns("a web.shop.svc.cluster.local 172.17.0.9\nend\n");

        Answer a = query(port, "web.other.svc.cluster.local", 1);

        assertThat(a.rcode()).isEqualTo(3);
        assertThat(a.addresses()).isEmpty();
    }

    @Test
    void anotherTypeOfAKnownNameIsAnEmptyAnswer() throws IOException {
        int port = dns("a web.shop.svc.cluster.local 172.17.0.9\nend\n");

        Answer aaaa = query(port, "web.shop.svc.cluster.local", 28);

        assertThat(aaaa.rcode()).isZero();
        assertThat(aaaa.addresses()).isEmpty();
    }

    @Test
    void aChangedTableIsAnsweredFrom() throws IOException {
        int port = dns("a web.shop.svc.cluster.local 172.17.0.9\nend\n");

        Files.writeString(table, "a web.shop.svc.cluster.local 172.17.0.11\nend\n");

        assertThat(query(port, "web.shop.svc.cluster.local", 1).addresses()).containsExactly("172.17.0.11");
    }

    @Test
    void aHalfWrittenTableIsIgnored() throws IOException {
        int port = dns("a web.shop.svc.cluster.local 172.17.0.9\nend\n");

        Files.writeString(table, "a web.shop.svc.cluster.local 172.17.0.11\n");

        assertThat(query(port, "web.shop.svc.cluster.local", 1).addresses()).containsExactly("172.17.0.9");
    }

    // ------------------------------------------------------------------ proxy

    /** An endpoint that answers each connection with its name. */
    private int endpoint(String answer) throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(s);
        threads.execute(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    c.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return s.getLocalPort();
    }

    private static String call(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            s.setSoTimeout(2000);
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private int proxy(String endpoints) throws IOException {
        int port = freePort();
        start("proxy", "port " + port + "\n" + endpoints.replace("PORT", Integer.toString(port)) + "end\n", "127.0.0.1");
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            }
        });
        return port;
    }

    @Test
    void spreadsConnectionsRoundRobinOverTheEndpoints() throws IOException {
        int a = endpoint("a");
        int b = endpoint("b");
        int port = proxy("ep PORT 127.0.0.1 " + a + "\nep PORT 127.0.0.1 " + b + "\n");

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(call(port));
        }

        assertThat(answers).containsOnly("a", "b");
        for (int i = 1; i < answers.size(); i++) {
            assertThat(answers.get(i)).as("connection %d goes to the other endpoint", i).isNotEqualTo(answers.get(i - 1));
        }
    }

    @Test
    void anEndpointThatRefusesIsSkipped() throws IOException {
        int a = endpoint("a");
        int dead = freePort();
        int port = proxy("ep PORT 127.0.0.1 " + dead + "\nep PORT 127.0.0.1 " + a + "\n");

        assertThat(List.of(call(port), call(port), call(port))).containsOnly("a");
    }

    @Test
    void withoutEndpointsTheConnectionIsReset() throws IOException {
        int port = proxy("");

        assertThatThrownBy(() -> call(port)).isInstanceOf(IOException.class);
    }

    @Test
    void endpointsTakenOutOfTheTableGetNoMoreConnections() throws IOException {
        int a = endpoint("a");
        int b = endpoint("b");
        int port = proxy("ep PORT 127.0.0.1 " + a + "\nep PORT 127.0.0.1 " + b + "\n");

        Files.writeString(table, "port " + port + "\nep " + port + " 127.0.0.1 " + b + "\nend\n");

        assertThat(List.of(call(port), call(port), call(port))).containsOnly("b");
    }
}
