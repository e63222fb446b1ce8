package io.pod4j.apiserver.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.base64.Base64;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Kubernetes WebSocket channel protocols: each message starts with its channel number, one byte
 * in the binary protocols, one ASCII digit followed by base64 in the {@code base64.} ones. Version 5
 * adds channel 255, on which the client signals that it closed one of its channels (stdin).
 */
enum ChannelProtocol {

    /** kubectl 1.30+ (exec, attach): v4 plus the close signal. */
    V5("v5.channel.k8s.io", false, true),
    /** fabric8, kubectl 1.29 and older clients: status JSON on channel 3, resize on channel 4. */
    V4("v4.channel.k8s.io", false, false),
    /** v4 with base64 text messages, for clients that cannot send binary messages (browsers of old). */
    V4_BASE64("v4.base64.channel.k8s.io", true, false);

    /** Standard input. */
    static final int STDIN = 0;
    /** Standard output; for port-forward, the data channel of the first port. */
    static final int STDOUT = 1;
    /** Standard error. */
    static final int STDERR = 2;
    /** The error channel: a metav1.Status when the command ends. */
    static final int ERROR = 3;
    /** Terminal size messages. */
    static final int RESIZE = 4;
    /** Version 5's signal that the client closed the channel named by the payload's first byte. */
    static final int CLOSE = 255;

    private final String subprotocol;
    private final boolean base64;
    private final boolean closeSignal;

    ChannelProtocol(String subprotocol, boolean base64, boolean closeSignal) {
        this.subprotocol = subprotocol;
        this.base64 = base64;
        this.closeSignal = closeSignal;
    }

    /** @return the WebSocket subprotocol name */
    String subprotocol() {
        return subprotocol;
    }

    /** @return whether the client may send channel 255 */
    boolean closeSignal() {
        return closeSignal;
    }

    /**
     * @param subprotocol a negotiated subprotocol
     * @return the protocol, or null when it is none of these
     */
    static ChannelProtocol named(String subprotocol) {
        for (ChannelProtocol p : values()) {
            if (p.subprotocol.equals(subprotocol)) {
                return p;
            }
        }
        return null;
    }

    /** @return the subprotocol names, most preferred first */
    static List<String> names() {
        return java.util.Arrays.stream(values()).map(ChannelProtocol::subprotocol).toList();
    }

    /**
     * @param channel the channel
     * @param data the payload (released by this call)
     * @param alloc where to allocate
     * @return the message
     */
    WebSocketFrame encode(int channel, ByteBuf data, ByteBufAllocator alloc) {
        if (base64) {
            try {
                ByteBuf encoded = Base64.encode(data, false);
                ByteBuf text = alloc.buffer(1 + encoded.readableBytes());
                text.writeByte('0' + channel).writeBytes(encoded);
                encoded.release();
                return new TextWebSocketFrame(text);
            } finally {
                data.release();
            }
        }
        return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(alloc.buffer(1).writeByte(channel), data));
    }

    /**
     * @param frame a binary or text message (not released by this call)
     * @return its channel and payload (a new buffer the caller releases), or null for an empty message
     * @throws IllegalArgumentException when the message is not of this protocol
     */
    Message decode(WebSocketFrame frame) {
        ByteBuf content = frame.content();
        if (!content.isReadable()) {
            return null;
        }
        if (base64) {
            if (!(frame instanceof TextWebSocketFrame)) {
                throw new IllegalArgumentException(subprotocol + " expects text messages, got a binary one");
            }
            int channel = content.getUnsignedByte(content.readerIndex()) - '0';
            ByteBuf encoded = content.slice(content.readerIndex() + 1, content.readableBytes() - 1);
            if (!encoded.isReadable()) {
                return new Message(channel, Unpooled.EMPTY_BUFFER);
            }
            try {
                return new Message(channel, Base64.decode(encoded));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("channel " + channel + ": not base64: "
                        + encoded.toString(StandardCharsets.US_ASCII), e);
            }
        }
        if (!(frame instanceof BinaryWebSocketFrame)) {
            throw new IllegalArgumentException(subprotocol + " expects binary messages, got a text one");
        }
        int channel = content.getUnsignedByte(content.readerIndex());
        return new Message(channel, content.retainedSlice(content.readerIndex() + 1, content.readableBytes() - 1));
    }

    /**
     * One message: its channel and payload.
     *
     * @param channel the channel number
     * @param data the payload
     */
    record Message(int channel, ByteBuf data) {
    }
}
