package io.pod4j.apiserver.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyGoAwayFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyHeaders;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of a SPDY/3.1 session as Kubernetes clients use it (Go's spdystream): the client
 * opens every stream, each with a {@code streamType} header; the server answers each with a
 * SYN_REPLY, echoes pings, and then speaks on the streams. No flow control: spdystream does not
 * honour windows, so neither side sends WINDOW_UPDATE.
 */
abstract class SpdyStreamsHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SpdyStreamsHandler.class);
    private static final int MAX_DATA = 32 * 1024;

    /** The connection; set when the handler joins the pipeline. */
    protected Channel channel;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    /**
     * A client opened a stream (already answered).
     *
     * @param id the stream id
     * @param headers its headers, names in lower case
     * @param fin whether the client will send nothing on it
     */
    protected abstract void opened(int id, SpdyHeaders headers, boolean fin);

    /**
     * @param id the stream
     * @param data bytes the client sent (released after the call)
     * @param fin whether the client is done sending on it
     */
    protected abstract void data(int id, ByteBuf data, boolean fin);

    /** @param id a stream the client reset */
    protected abstract void reset(int id);

    /** The connection is gone; release what the streams hold. */
    protected abstract void closed();

    /**
     * @param headers a stream's headers
     * @param name a header name
     * @return its value, or null
     */
    protected static String header(SpdyHeaders headers, String name) {
        String value = headers.getAsString(name.toLowerCase(Locale.ROOT));
        return value == null ? null : value.trim();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof SpdySynStreamFrame syn) {
                DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(syn.streamId());
                // Netty writes an empty header block as no bytes at all, which Go's framer cannot read
                // (it expects a compressed header count): echo the stream type, which spdystream ignores.
                String type = header(syn.headers(), "streamType");
                reply.headers().set("streamtype", type == null ? "" : type);
                ctx.writeAndFlush(reply);
                opened(syn.streamId(), syn.headers(), syn.isLast());
            } else if (msg instanceof SpdyDataFrame frame) {
                data(frame.streamId(), frame.content(), frame.isLast());
            } else if (msg instanceof SpdyRstStreamFrame rst) {
                reset(rst.streamId());
            } else if (msg instanceof SpdyPingFrame ping) {
                ctx.writeAndFlush(ping);
                return;
            } else if (msg instanceof SpdyGoAwayFrame) {
                ctx.close();
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * Sends bytes on a stream, in frames of at most 32 KiB.
     *
     * @param id the stream
     * @param data the bytes (released by this call)
     * @param fin whether this ends the server's side of the stream
     * @return the last write
     */
    protected ChannelFuture send(int id, ByteBuf data, boolean fin) {
        ChannelFuture last = null;
        try {
            do {
                int n = Math.min(MAX_DATA, data.readableBytes());
                boolean end = n == data.readableBytes();
                DefaultSpdyDataFrame frame = new DefaultSpdyDataFrame(id, data.readRetainedSlice(n));
                frame.setLast(fin && end);
                last = channel.writeAndFlush(frame);
            } while (data.isReadable());
        } finally {
            data.release();
        }
        return last;
    }

    /**
     * @param id the stream
     * @param data the bytes
     * @param fin whether this ends the server's side of the stream
     * @return the last write
     */
    protected ChannelFuture send(int id, byte[] data, boolean fin) {
        return send(id, Unpooled.wrappedBuffer(data), fin);
    }

    /** @param id a stream to abort */
    protected void resetStream(int id) {
        channel.writeAndFlush(new DefaultSpdyRstStreamFrame(id, SpdyStreamStatus.CANCEL));
    }

    /** Ends the session: GOAWAY, then the connection closes. */
    protected void goAway() {
        channel.writeAndFlush(new DefaultSpdyGoAwayFrame(0)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("SPDY stream connection failed: {}", cause.toString());
        ctx.close();
    }
}
