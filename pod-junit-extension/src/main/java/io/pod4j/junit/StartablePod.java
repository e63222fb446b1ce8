package io.pod4j.junit;

import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Copies;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import java.time.Duration;
import java.util.Objects;
import org.testcontainers.lifecycle.Startable;

/**
 * A pod as a Testcontainers {@link Startable}, for code and extensions that manage Startables
 * (Testcontainers' {@code @Container}, {@code Startables.deepStart}): {@code start()} creates the
 * pod and waits until it is Ready, {@code stop()} deletes it.
 */
public final class StartablePod implements Startable {

    private final PodEngine engine;
    private final Pod pod;
    private final Duration timeout;
    private volatile PodHandle handle;

    /**
     * @param engine the engine to run the pod on
     * @param pod the pod (copied: later changes to it do not reach this StartablePod)
     * @param timeout how long start() waits for Ready
     */
    public StartablePod(PodEngine engine, Pod pod, Duration timeout) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.pod = Copies.of(Objects.requireNonNull(pod, "pod"));
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public synchronized void start() {
        if (handle == null) {
            PodHandle h = engine.create(pod);
            try {
                h.awaitReady(timeout);
            } catch (RuntimeException e) {
                h.close();
                throw e;
            }
            handle = h;
        }
    }

    @Override
    public synchronized void stop() {
        if (handle != null) {
            handle.close();
            handle = null;
        }
    }

    /**
     * @return the running pod's handle
     * @throws IllegalStateException before {@link #start()}
     */
    public PodHandle handle() {
        PodHandle h = handle;
        if (h == null) {
            throw new IllegalStateException("pod " + pod.getMetadata().getName() + " is not started; call start() first");
        }
        return h;
    }
}
