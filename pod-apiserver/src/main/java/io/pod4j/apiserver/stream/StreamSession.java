package io.pod4j.apiserver.stream;

import java.io.IOException;

/**
 * A running exec or attach as the protocol handlers see it: stdin in, terminal sizes in, close.
 * Its output and final status come out through an {@link Output}.
 */
interface StreamSession extends AutoCloseable {

    /** Where a session's output goes, called on a thread of the session's own (never an event loop). */
    interface Output {
        /**
         * @param stream {@link ChannelProtocol#STDOUT} or {@link ChannelProtocol#STDERR}
         * @param data bytes the process wrote
         */
        void data(int stream, byte[] data);

        /**
         * The process ended (or could not run); called once, after all data.
         *
         * @param status the metav1.Status JSON for the error channel
         */
        void ended(byte[] status);
    }

    /** Starts a session; how depends on exec or attach. */
    interface Starter {
        /**
         * Called on a thread that may block (it talks to Docker).
         *
         * @param output where the session's output goes
         * @return the running session
         * @throws IOException when it cannot start (the message goes to the client as a status)
         */
        StreamSession start(Output output) throws IOException;
    }

    /** @param bytes bytes for the process's stdin, written in order */
    void stdin(byte[] bytes);

    /** Ends the process's stdin (EOF) after what was written before. */
    void closeStdin();

    /** @param size the client's terminal size, for the process's tty */
    void resize(TerminalSize size);

    /** Drops the process's streams (the client went away). */
    @Override
    void close();
}
