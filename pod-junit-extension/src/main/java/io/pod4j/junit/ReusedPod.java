package io.pod4j.junit;

import io.pod4j.engine.PodHandle;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A pod shared by the test classes of a run ({@link TestPod#reuse()}), kept in the root store under
 * its spec so that JUnit closes it when the run ends, whatever failed before. The first class to ask
 * starts it; classes asking meanwhile (parallel execution) wait for that start instead of racing it.
 */
final class ReusedPod implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private PodHandle handle;
    private RuntimeException failure;

    /**
     * @param start creates the pod and waits until it is ready; runs at most once
     * @return the running pod
     * @throws RuntimeException the start's failure, again for every class that asks for this pod
     */
    synchronized PodHandle get(Supplier<PodHandle> start) {
        if (failure != null) {
            throw failure;
        }
        if (handle == null) {
            try {
                handle = start.get();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return handle;
    }

    @Override
    public synchronized void close() {
        if (handle != null) {
            handle.close();
            handle = null;
        }
    }
}
