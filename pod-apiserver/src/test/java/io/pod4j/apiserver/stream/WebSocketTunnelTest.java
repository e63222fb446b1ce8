package io.pod4j.apiserver.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebSocketTunnelTest {

    @Test
    void binaryMessagesInBecomeBytes() {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocketTunnel());
        channel.writeInbound(new BinaryWebSocketFrame(Unpooled.copiedBuffer("spdy", StandardCharsets.UTF_8)));
        ByteBuf in = channel.readInbound();
        assertThat(in.toString(StandardCharsets.UTF_8)).isEqualTo("spdy");
        in.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void bytesOutBecomeBinaryMessages() {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocketTunnel());
        channel.writeOutbound(Unpooled.copiedBuffer("reply", StandardCharsets.UTF_8));
        BinaryWebSocketFrame out = channel.readOutbound();
        assertThat(out.content().toString(StandardCharsets.UTF_8)).isEqualTo("reply");
        out.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void pingsAreAnsweredInsideTheTunnel() {
        EmbeddedChannel channel = new EmbeddedChannel(new WebSocketTunnel());
        channel.writeInbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1})));
        PongWebSocketFrame pong = channel.readOutbound();
        assertThat(pong.content().readByte()).isEqualTo((byte) 1);
        pong.release();
        assertThat((Object) channel.readInbound()).isNull();
        channel.finishAndReleaseAll();
    }
}
