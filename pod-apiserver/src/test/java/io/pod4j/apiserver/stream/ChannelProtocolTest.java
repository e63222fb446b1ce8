package io.pod4j.apiserver.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChannelProtocolTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void binaryMessagesStartWithTheChannelByte() {
        WebSocketFrame frame = ChannelProtocol.V5.encode(2, Unpooled.wrappedBuffer(bytes("oops")), ByteBufAllocator.DEFAULT);
        assertThat(frame).isInstanceOf(BinaryWebSocketFrame.class);
        assertThat(ByteBufUtil.getBytes(frame.content())).containsExactly(2, 'o', 'o', 'p', 's');
        frame.release();
    }

    @Test
    void base64MessagesStartWithTheChannelDigit() {
        WebSocketFrame frame = ChannelProtocol.V4_BASE64.encode(1, Unpooled.wrappedBuffer(bytes("hi")), ByteBufAllocator.DEFAULT);
        assertThat(frame).isInstanceOf(TextWebSocketFrame.class);
        assertThat(((TextWebSocketFrame) frame).text()).isEqualTo("1aGk=");
        frame.release();
    }

    @Test
    void decodesTheChannelAndPayloadOfABinaryMessage() {
        BinaryWebSocketFrame frame = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {0, 'a', 'b'}));
        ChannelProtocol.Message m = ChannelProtocol.V4.decode(frame);
        assertThat(m.channel()).isZero();
        assertThat(m.data().toString(StandardCharsets.UTF_8)).isEqualTo("ab");
        m.data().release();
        frame.release();
    }

    @Test
    void decodesABase64Message() {
        TextWebSocketFrame frame = new TextWebSocketFrame("0aGk=");
        ChannelProtocol.Message m = ChannelProtocol.V4_BASE64.decode(frame);
        assertThat(m.channel()).isZero();
        assertThat(m.data().toString(StandardCharsets.UTF_8)).isEqualTo("hi");
        m.data().release();
        frame.release();
    }

    @Test
    void version5sCloseSignalIsChannel255NamingTheClosedChannel() {
        BinaryWebSocketFrame frame = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {(byte) 255, 0}));
        ChannelProtocol.Message m = ChannelProtocol.V5.decode(frame);
        assertThat(m.channel()).isEqualTo(ChannelProtocol.CLOSE);
        assertThat(ByteBufUtil.getBytes(m.data())).containsExactly(ChannelProtocol.STDIN);
        assertThat(ChannelProtocol.V5.closeSignal()).isTrue();
        assertThat(ChannelProtocol.V4.closeSignal()).isFalse();
        m.data().release();
        frame.release();
    }

    @Test
    void anEmptyMessageCarriesNothing() {
        BinaryWebSocketFrame frame = new BinaryWebSocketFrame();
        assertThat(ChannelProtocol.V5.decode(frame)).isNull();
        frame.release();
    }

    @Test
    void aTextMessageIsRefusedByABinaryProtocol() {
        TextWebSocketFrame frame = new TextWebSocketFrame("0abc");
        assertThatThrownBy(() -> ChannelProtocol.V4.decode(frame)).hasMessageContaining("expects binary messages");
        frame.release();
    }

    @Test
    void subprotocolsAreOfferedMostRecentFirst() {
        assertThat(ChannelProtocol.names()).containsExactly("v5.channel.k8s.io", "v4.channel.k8s.io", "v4.base64.channel.k8s.io");
        assertThat(ChannelProtocol.named("v4.channel.k8s.io")).isEqualTo(ChannelProtocol.V4);
        assertThat(ChannelProtocol.named("channel.k8s.io")).isNull();
    }
}
