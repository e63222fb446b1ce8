package io.pod4j.apiserver.stream;

/**
 * Splits Docker's multiplexed attach/exec stream (used without a tty): each frame is a header of
 * eight bytes, the stream (0 stdin, 1 stdout, 2 stderr) then three zero bytes then the payload's
 * length as four bytes big endian, and the payload. Bytes arrive in arbitrary pieces; payload is
 * passed on as it arrives, so a large frame is not held back.
 */
final class DockerStreamDecoder {

    /** Where decoded payloads go. */
    interface Sink {
        /**
         * @param stream 1 for stdout, 2 for stderr
         * @param data the payload
         */
        void accept(int stream, byte[] data);
    }

    private final Sink sink;
    private final byte[] header = new byte[8];
    private int headerFill;
    private int remaining;
    private int stream;

    DockerStreamDecoder(Sink sink) {
        this.sink = sink;
    }

    /**
     * @param bytes the next bytes read from Docker
     * @param offset where they start
     * @param length how many
     */
    void feed(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (remaining == 0) {
                int n = Math.min(8 - headerFill, end - i);
                System.arraycopy(bytes, i, header, headerFill, n);
                headerFill += n;
                i += n;
                if (headerFill == 8) {
                    stream = header[0];
                    remaining = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                            | (header[7] & 0xff);
                    headerFill = 0;
                }
            } else {
                int n = Math.min(remaining, end - i);
                sink.accept(stream == 2 ? 2 : 1, java.util.Arrays.copyOfRange(bytes, i, i + n));
                remaining -= n;
                i += n;
            }
        }
    }
}
