package io.pod4j.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an engine's start has started so far (the Docker connection, its pools, watches, the
 * Service network...): when a later step fails, each is closed, the last started first, so a
 * failed build leaves no thread, watch or connection behind.
 */
final class Startup {

    private static final Logger LOG = LoggerFactory.getLogger(Startup.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** @param first how to stop what was started first */
    Startup(AutoCloseable first) {
        started.push(first);
    }

    /** @param close how to stop what was just started */
    void onFailure(AutoCloseable close) {
        started.push(close);
    }

    /** @return {@code part}, just started, closed by its {@code close()} */
    <T extends AutoCloseable> T add(T part) {
        started.push(part);
        return part;
    }

    /**
     * The start failed: closes everything started, newest first.
     *
     * @param failure why; what a close throws is added to it as suppressed
     */
    void closeAll(Throwable failure) {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception | Error e) {
                failure.addSuppressed(e);
                LOG.debug("closing after a failed start: {}", e.toString());
            }
        }
    }

    /** @return daemon threads named {@code prefix-1}, {@code prefix-2}... */
    static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
