package io.pod4j.apiserver.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerStreamDecoderTest {

    private static byte[] frame(int stream, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(stream);
        out.writeBytes(new byte[] {0, 0, 0});
        out.writeBytes(new byte[] {(byte) (data.length >>> 24), (byte) (data.length >>> 16), (byte) (data.length >>> 8), (byte) data.length});
        out.writeBytes(data);
        return out.toByteArray();
    }

    @Test
    void separatesStdoutFromStderr() {
        List<String> got = new ArrayList<>();
        DockerStreamDecoder decoder = new DockerStreamDecoder((s, d) -> got.add(s + ":" + new String(d, StandardCharsets.UTF_8)));
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(frame(1, "out"));
        both.writeBytes(frame(2, "err"));
        decoder.feed(both.toByteArray(), 0, both.size());
        assertThat(got).containsExactly("1:out", "2:err");
    }

    @Test
    void framesSplitAcrossReadsAreReassembled() {
        StringBuilder stdout = new StringBuilder();
        DockerStreamDecoder decoder = new DockerStreamDecoder((s, d) -> stdout.append(new String(d, StandardCharsets.UTF_8)));
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(frame(1, "hello "));
        both.writeBytes(frame(1, "world"));
        byte[] all = both.toByteArray();
        for (int i = 0; i < all.length; i++) {
            decoder.feed(all, i, 1);
        }
        assertThat(stdout).hasToString("hello world");
    }

    @Test
    void anEmptyFrameYieldsNothing() {
        List<byte[]> got = new ArrayList<>();
        DockerStreamDecoder decoder = new DockerStreamDecoder((s, d) -> got.add(d));
        byte[] empty = frame(1, "");
        decoder.feed(empty, 0, empty.length);
        assertThat(got).isEmpty();
    }
}
