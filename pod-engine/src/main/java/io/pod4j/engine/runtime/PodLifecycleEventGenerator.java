package io.pod4j.engine.runtime;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's PLEG (pod lifecycle event generator) on the container runtime: it follows the
 * runtime's container events as they happen, and relists the engine's running containers every
 * few seconds so that an event the stream missed (a reconnect, a daemon restart) is still
 * reported, as the kubelet's generic PLEG compares one listing with the previous. It knows
 * nothing of workers: what it sees goes to a {@link Listener}, which routes it by pod uid.
 */
public final class PodLifecycleEventGenerator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PodLifecycleEventGenerator.class);
    /** How often the running containers are listed again (the kubelet's relist period is 1 s; a list call here costs more). */
    private static final long RELIST_SECONDS = 3;

    /** Hears what the PLEG sees. */
    public interface Listener {
        /** @param event a container of a pod changed */
        void event(PodLifecycleEvent event);

        /** A relist failed: the runtime does not answer, what pods run is unknown until it does. */
        void runtimeSilent();

        /** A relist succeeded after one failed: the runtime answers again. */
        void runtimeAnswers();
    }

    private final EngineContext ctx;
    private final ContainerRuntime runtime;
    private final Listener listener;
    private final BooleanSupplier anyPods;
    /** The last listing, by container id. Only the relist thread touches it. */
    private Map<String, ContainerRuntime.Listed> listed = Map.of();
    private boolean silent;
    private volatile Closeable stream;
    private volatile ScheduledFuture<?> relists;
    private volatile boolean closed;

    /**
     * @param ctx what workers share (the runtime, the timer)
     * @param listener where events go
     * @param anyPods true while the kubelet runs pods: with none, nothing is listed
     */
    public PodLifecycleEventGenerator(EngineContext ctx, Listener listener, BooleanSupplier anyPods) {
        this.ctx = ctx;
        this.runtime = new DockerRuntime(ctx);
        this.listener = listener;
        this.anyPods = anyPods;
    }

    /** Starts following the runtime's events and relisting. */
    public void start() {
        follow();
        relists = ctx.timer().scheduleWithFixedDelay(this::relist, RELIST_SECONDS, RELIST_SECONDS, TimeUnit.SECONDS);
    }

    private void follow() {
        if (closed) {
            return;
        }
        stream = runtime.containerEvents(listener::event, () -> {
            if (!closed) {
                LOG.debug("the runtime's event stream ended; reconnecting");
                ctx.timer().schedule(this::follow, 1, TimeUnit.SECONDS);
            }
        });
        if (closed) { // closed while it connected: close() may have seen the old stream
            closeStream();
        }
    }

    private void relist() {
        try {
            relistOnce();
        } catch (RuntimeException e) {
            // Never let one bad relist end the schedule: the next one looks again.
            LOG.warn("relist: {}", e.toString(), e);
        }
    }

    private void relistOnce() {
        if (closed || !anyPods.getAsBoolean()) {
            return;
        }
        Map<String, ContainerRuntime.Listed> now;
        try {
            now = runtime.containers();
        } catch (RuntimeException e) {
            LOG.debug("relist failed: {}", e.toString());
            silent = true;
            listener.runtimeSilent();
            return;
        }
        List<PodLifecycleEvent> events = changes(listed, now);
        listed = now;
        if (silent) {
            silent = false;
            listener.runtimeAnswers();
        }
        events.forEach(listener::event);
    }

    /**
     * Compares two listings as the kubelet's generic PLEG does: a container seen for the first
     * time counts as having been absent, so one that started and exited between two listings is
     * still reported as died.
     *
     * @param before the previous listing, by container id
     * @param after the listing now, by container id
     * @return what changed: started (runs now, did not), died (exited now, had not or was not
     *     there), removed (gone; died first if it had not exited). A container being created is
     *     neither.
     */
    static List<PodLifecycleEvent> changes(Map<String, ContainerRuntime.Listed> before, Map<String, ContainerRuntime.Listed> after) {
        List<PodLifecycleEvent> events = new ArrayList<>();
        after.forEach((id, now) -> {
            ContainerRuntime.Listed was = before.get(id);
            if (now.running() && (was == null || !was.running())) {
                events.add(new PodLifecycleEvent(now.podUid(), PodLifecycleEvent.Type.CONTAINER_STARTED, id));
            } else if (now.exited() && (was == null || !was.exited())) {
                events.add(new PodLifecycleEvent(now.podUid(), PodLifecycleEvent.Type.CONTAINER_DIED, id));
            }
        });
        before.forEach((id, was) -> {
            if (!after.containsKey(id)) {
                if (!was.exited()) {
                    events.add(new PodLifecycleEvent(was.podUid(), PodLifecycleEvent.Type.CONTAINER_DIED, id));
                }
                events.add(new PodLifecycleEvent(was.podUid(), PodLifecycleEvent.Type.CONTAINER_REMOVED, id));
            }
        });
        return events;
    }

    /** Stops following the runtime. */
    @Override
    public void close() {
        closed = true;
        if (relists != null) {
            relists.cancel(false);
        }
        closeStream();
    }

    private void closeStream() {
        try {
            if (stream != null) {
                stream.close();
            }
        } catch (Exception ignored) {
            // Closing a stream that already broke.
        }
    }
}
