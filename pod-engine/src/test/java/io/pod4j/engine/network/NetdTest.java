package io.pod4j.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
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
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    private final List<DatagramSocket> udpSockets = new ArrayList<>();
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
        udpSockets.forEach(DatagramSocket::close);
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
    void theFirstTableMayComeInTheEnvironment() throws IOException {
        int port = freePort();
        ProcessBuilder pb = new ProcessBuilder(dir.resolve("netd").toString(), "dns", table.toString(), "127.0.0.1:" + port).inheritIO();
        pb.environment().put("NETD_TABLE", "a web.shop.svc.cluster.local 172.17.0.9\nend\n");
        netd = pb.start();

        await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .untilAsserted(() -> assertThat(query(port, "web.shop.svc.cluster.local", 1).addresses()).containsExactly("172.17.0.9"));
        assertThat(table).content().contains("172.17.0.9");
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


    // ------------------------------------------------------------------ DNS: records, size, forwarding

    /** A record of an answer: its section (an: answer, ar: additional), owner, type and data in text. */
    private record Rr(String section, String name, int type, String data) {
    }

    /** A parsed answer. */
    private record Message(int id, int flags, List<Rr> records, int size) {
        int rcode() {
            return flags & 0xf;
        }

        boolean truncated() {
            return (flags & 0x0200) != 0;
        }

        List<String> data(String section, int type) {
            return records.stream().filter(r -> r.section().equals(section) && r.type() == type).map(Rr::data).toList();
        }
    }

    private static byte[] queryBytes(int id, int flags, String name, int type) {
        ByteBuffer q = ByteBuffer.allocate(512);
        q.putShort((short) id).putShort((short) flags).putShort((short) 1).putShort((short) 0).putInt(0);
        for (String label : name.split("\\.")) {
            q.put((byte) label.length()).put(label.getBytes(StandardCharsets.US_ASCII));
        }
        q.put((byte) 0).putShort((short) type).putShort((short) 1);
        return java.util.Arrays.copyOf(q.array(), q.position());
    }

    private static String name(byte[] m, int[] off) {
        StringBuilder b = new StringBuilder();
        int o = off[0];
        int after = -1;
        while ((m[o] & 0xff) != 0) {
            if ((m[o] & 0xc0) == 0xc0) {
                if (after < 0) {
                    after = o + 2;
                }
                o = ((m[o] & 0x3f) << 8) | (m[o + 1] & 0xff);
                continue;
            }
            int len = m[o] & 0xff;
            b.append(b.length() > 0 ? "." : "").append(new String(m, o + 1, len, StandardCharsets.US_ASCII));
            o += len + 1;
        }
        off[0] = after >= 0 ? after : o + 1;
        return b.toString();
    }

    private static Message parse(byte[] m, int length) {
        ByteBuffer r = ByteBuffer.wrap(m, 0, length);
        int id = r.getShort() & 0xffff;
        int flags = r.getShort() & 0xffff;
        int qd = r.getShort();
        int an = r.getShort();
        int ns = r.getShort();
        int ar = r.getShort();
        int[] off = {12};
        for (int i = 0; i < qd; i++) {
            name(m, off);
            off[0] += 4;
        }
        List<Rr> records = new ArrayList<>();
        for (int i = 0; i < an + ns + ar; i++) {
            String owner = name(m, off);
            r.position(off[0]);
            int type = r.getShort() & 0xffff;
            r.getShort();
            r.getInt();
            int rdlen = r.getShort() & 0xffff;
            int start = r.position();
            String data = switch (type) {
                case 1 -> (m[start] & 0xff) + "." + (m[start + 1] & 0xff) + "." + (m[start + 2] & 0xff) + "." + (m[start + 3] & 0xff);
                case 5, 12 -> name(m, new int[] {start});
                case 33 -> r.getShort() + " " + r.getShort() + " " + (r.getShort() & 0xffff) + " " + name(m, new int[] {start + 6});
                default -> "";
            };
            off[0] = start + rdlen;
            records.add(new Rr(i < an ? "an" : i < an + ns ? "ns" : "ar", owner, type, data));
        }
        return new Message(id, flags, records, length);
    }

    private static Message udp(int port, byte[] query) throws IOException {
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(2000);
            s.send(new DatagramPacket(query, query.length, InetAddress.getLoopbackAddress(), port));
            byte[] buf = new byte[4096];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            s.receive(p);
            return parse(buf, p.getLength());
        }
    }

    private static Message ask(int port, String name, int type) throws IOException {
        return udp(port, queryBytes(0x4321, 0x0100, name, type));
    }

    private static Message tcp(int port, String name, int type) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            byte[] q = queryBytes(0x4322, 0x0100, name, type);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeShort(q.length);
            out.write(q);
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] m = new byte[in.readUnsignedShort()];
            in.readFully(m);
            return parse(m, m.length);
        }
    }

    @Test
    void anAnswerTooLargeForUdpIsCutWithTheTruncatedBitAndWholeOverTcp() throws IOException {
        StringBuilder table = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            table.append("a db.shop.svc.cluster.local 10.0.0.").append(i).append('\n');
        }
        int port = dns(table + "end\n");

        Message cut = ask(port, "db.shop.svc.cluster.local", 1);
        Message whole = tcp(port, "db.shop.svc.cluster.local", 1);

        assertThat(cut.truncated()).isTrue();
        assertThat(cut.size()).isLessThanOrEqualTo(512);
        assertThat(whole.truncated()).isFalse();
        assertThat(whole.data("an", 1)).hasSize(40);
    }

    @Test
    void aResponseSentToTheServerIsDropped() throws IOException {
        int port = dns("a web.shop.svc.cluster.local 172.17.0.9\nend\n");

        assertThatThrownBy(() -> udp(port, queryBytes(0x1111, 0x8100, "web.shop.svc.cluster.local", 1)))
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void aNamedPortHasAnSrvRecordWithItsTargetsAddress() throws IOException {
        int port = dns("a web.shop.svc.cluster.local 172.17.0.9\n"
                + "srv _http._tcp.web.shop.svc.cluster.local 80 web.shop.svc.cluster.local\nend\n");

        Message m = ask(port, "_http._tcp.web.shop.svc.cluster.local", 33);

        assertThat(m.rcode()).isZero();
        assertThat(m.data("an", 33)).containsExactly("0 100 80 web.shop.svc.cluster.local");
        assertThat(m.data("ar", 1)).containsExactly("172.17.0.9");
    }

    @Test
    void srvRecordsOfOneNameShareTheWeight() throws IOException {
        int port = dns("srv _db._tcp.db.shop.svc.cluster.local 5432 db-0.db.shop.svc.cluster.local\n"
                + "srv _db._tcp.db.shop.svc.cluster.local 5432 db-1.db.shop.svc.cluster.local\nend\n");

        assertThat(ask(port, "_db._tcp.db.shop.svc.cluster.local", 33).data("an", 33))
                .containsExactly("0 50 5432 db-0.db.shop.svc.cluster.local", "0 50 5432 db-1.db.shop.svc.cluster.local");
    }

    @Test
    void anAddressInTheTableHasAPtrRecord() throws IOException {
        int port = dns("ptr 172.17.0.9 web.shop.svc.cluster.local\nend\n");

        assertThat(ask(port, "9.0.17.172.in-addr.arpa", 12).data("an", 12)).containsExactly("web.shop.svc.cluster.local");
    }

    @Test
    void anExternalNameInTheClusterIsACnameWithItsTargetsAddresses() throws IOException {
        int port = dns("cname db.shop.svc.cluster.local web.shop.svc.cluster.local\na web.shop.svc.cluster.local 172.17.0.9\nend\n");

        Message m = ask(port, "db.shop.svc.cluster.local", 1);

        assertThat(m.data("an", 5)).containsExactly("web.shop.svc.cluster.local");
        assertThat(m.data("an", 1)).containsExactly("172.17.0.9");
    }

    /** A nameserver on 127.0.0.1 that records each query and answers when told to. */
    private static final class Upstream implements AutoCloseable {
        final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());

        Upstream() throws IOException {
            socket.setSoTimeout(3000);
        }

        DatagramPacket next() throws IOException {
            byte[] buf = new byte[512];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
            return p;
        }

        /** The reply to a query: its id and question, one A record. */
        static byte[] reply(DatagramPacket query, String address) {
            ByteBuffer r = ByteBuffer.allocate(512);
            r.put(query.getData(), 0, query.getLength());
            r.put(2, (byte) 0x81).put(3, (byte) 0x80).putShort(6, (short) 1);
            r.putShort((short) 0xc00c).putShort((short) 1).putShort((short) 1).putInt(60).putShort((short) 4);
            for (String octet : address.split("\\.")) {
                r.put((byte) Integer.parseInt(octet));
            }
            return java.util.Arrays.copyOf(r.array(), r.position());
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    @Test
    void aForwardedQueryTakesOnlyTheAskedUpstreamsReplyUnderItsOwnId() throws Exception {
        try (Upstream upstream = new Upstream(); DatagramSocket spoofer = new DatagramSocket()) {
            int port = dns("up 127.0.0.1:" + upstream.socket.getLocalPort() + "\nend\n");
            Future<Message> answer = threads.submit(() -> ask(port, "example.org", 1));

            DatagramPacket forwarded = upstream.next();
            byte[] spoofed = Upstream.reply(forwarded, "6.6.6.6");
            spoofer.send(new DatagramPacket(spoofed, spoofed.length, forwarded.getSocketAddress()));
            byte[] wrongId = Upstream.reply(forwarded, "7.7.7.7");
            wrongId[0] ^= 0x55;
            upstream.socket.send(new DatagramPacket(wrongId, wrongId.length, forwarded.getSocketAddress()));
            byte[] real = Upstream.reply(forwarded, "93.184.216.34");
            upstream.socket.send(new DatagramPacket(real, real.length, forwarded.getSocketAddress()));

            Message m = answer.get(5, TimeUnit.SECONDS);
            assertThat(m.id()).isEqualTo(0x4321);
            assertThat(m.data("an", 1)).containsExactly("93.184.216.34");
        }
    }

    @Test
    void anExternalNameOutsideTheClusterIsChasedUpstream() throws Exception {
        try (Upstream upstream = new Upstream()) {
            int port = dns("up 127.0.0.1:" + upstream.socket.getLocalPort() + "\n"
                    + "cname db.shop.svc.cluster.local db.example.org\nend\n");
            Future<Message> answer = threads.submit(() -> ask(port, "db.shop.svc.cluster.local", 1));

            DatagramPacket forwarded = upstream.next();
            assertThat(parseQuestion(forwarded)).isEqualTo("db.example.org");
            byte[] real = Upstream.reply(forwarded, "192.0.2.7");
            upstream.socket.send(new DatagramPacket(real, real.length, forwarded.getSocketAddress()));

            Message m = answer.get(5, TimeUnit.SECONDS);
            assertThat(m.data("an", 5)).containsExactly("db.example.org");
            assertThat(m.records()).filteredOn(r -> r.type() == 1).extracting(Rr::name, Rr::data)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("db.example.org", "192.0.2.7"));
        }
    }

    private static String parseQuestion(DatagramPacket p) {
        return name(java.util.Arrays.copyOf(p.getData(), p.getLength()), new int[] {12});
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

    /** An endpoint that echoes each connection in one thread: it stops reading while its writes block. */
    private int echoEndpoint() throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(s);
        threads.execute(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    c.getInputStream().transferTo(c.getOutputStream());
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return s.getLocalPort();
    }

    /** An endpoint that reads a connection to its end, then answers how many bytes it read. */
    private int countingEndpoint() throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(s);
        threads.execute(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                    long n = c.getInputStream().transferTo(OutputStream.nullOutputStream());
                    c.getOutputStream().write(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
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

    @Test
    void aConnectionBusyBothWaysDoesNotDeadlock() throws Exception {
        int echo = echoEndpoint();
        int port = proxy("ep PORT 127.0.0.1 " + echo + "\n");
        int size = 16 << 20;

        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            Future<?> writer = threads.submit(() -> {
                OutputStream out = s.getOutputStream();
                byte[] chunk = new byte[65536];
                for (int sent = 0; sent < size; sent += chunk.length) {
                    out.write(chunk);
                }
                s.shutdownOutput();
                return null;
            });
            long echoed = 0;
            InputStream in = s.getInputStream();
            byte[] buf = new byte[65536];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                echoed += n;
            }
            writer.get(30, TimeUnit.SECONDS);
            assertThat(echoed).as("every byte echoed back, then the endpoint's end of stream").isEqualTo(size);
        }
    }

    @Test
    void aHalfCloseIsPassedOnAndTheAnswerStillComesBack() throws IOException {
        int counter = countingEndpoint();
        int port = proxy("ep PORT 127.0.0.1 " + counter + "\n");

        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(new byte[1000]);
            s.shutdownOutput();
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("1000");
        }
    }

    @Test
    void sessionAffinityKeepsAClientOnItsEndpoint() throws IOException {
        int a = endpoint("a");
        int b = endpoint("b");
        int port = proxy("affinity 60\nep PORT 127.0.0.1 " + a + "\nep PORT 127.0.0.1 " + b + "\n");

        assertThat(List.of(call(port), call(port), call(port), call(port))).containsOnly(call(port));
    }

    @Test
    void sessionAffinityEndsAfterItsTimeout() throws IOException {
        int a = endpoint("a");
        int b = endpoint("b");
        int port = proxy("affinity 1\nep PORT 127.0.0.1 " + a + "\nep PORT 127.0.0.1 " + b + "\n");
        String first = call(port);

        // Each connection renews the affinity: ask less often than its timeout.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(2500)).until(() -> !call(port).equals(first));
    }

    @Test
    void moreThanSixtyFourPortsAreAllServed() throws IOException {
        int a = endpoint("a");
        StringBuilder table = new StringBuilder();
        List<Integer> ports = new ArrayList<>();
        List<ServerSocket> held = new ArrayList<>(); // held together: 70 distinct free ports
        for (int i = 0; i < 70; i++) {
            held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            ports.add(held.get(i).getLocalPort());
        }
        for (ServerSocket h : held) {
            h.close();
        }
        for (int p : ports) {
            table.append("port ").append(p).append("\nep ").append(p).append(" 127.0.0.1 ").append(a).append('\n');
        }
        start("proxy", table + "end\n", "127.0.0.1");

        int last = ports.get(ports.size() - 1);
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> call(last).equals("a"));
        assertThat(call(ports.get(0))).isEqualTo("a");
    }

    /** A UDP endpoint that answers each datagram with its name. */
    private int udpEndpoint(String answer) throws IOException {
        DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        udpSockets.add(s);
        threads.execute(() -> {
            byte[] buf = new byte[512];
            while (!s.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    s.receive(p);
                    byte[] out = answer.getBytes(StandardCharsets.US_ASCII);
                    s.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return s.getLocalPort();
    }

    private static String datagram(DatagramSocket client, int port) throws IOException {
        client.setSoTimeout(2000);
        client.send(new DatagramPacket(new byte[] {1}, 1, InetAddress.getLoopbackAddress(), port));
        byte[] buf = new byte[512];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        client.receive(p);
        assertThat(p.getPort()).as("the answer comes from the Service port").isEqualTo(port);
        return new String(buf, 0, p.getLength(), StandardCharsets.US_ASCII);
    }

    @Test
    void udpClientsEachKeepAFlowToOneEndpointSpreadOverThem() throws Exception {
        int a = udpEndpoint("a");
        int b = udpEndpoint("b");
        int port = freePort();
        start("proxy", "port " + port + " udp\nep " + port + " 127.0.0.1 " + a + " udp\nep " + port + " 127.0.0.1 " + b
                + " udp\nend\n", "127.0.0.1");

        try (DatagramSocket one = new DatagramSocket(); DatagramSocket two = new DatagramSocket()) {
            String first = await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> datagram(one, port), x -> true);
            String second = datagram(two, port);

            assertThat(List.of(datagram(one, port), datagram(one, port))).containsOnly(first);
            assertThat(List.of(datagram(two, port), datagram(two, port))).containsOnly(second);
            assertThat(Set.of(first, second)).containsExactlyInAnyOrder("a", "b");
        }
    }
}
