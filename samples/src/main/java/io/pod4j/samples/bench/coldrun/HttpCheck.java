package io.pod4j.samples.bench.coldrun;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One HTTP/1.0 GET: true when a status line comes back. */
final class HttpCheck {

    private HttpCheck() {
    }

    static boolean answers(InetSocketAddress address) {
        try (Socket s = new Socket()) {
            s.connect(address, 500);
            s.setSoTimeout(1000);
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] head = s.getInputStream().readNBytes(5);
            return new String(head, StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException e) {
            return false;
        }
    }
}
