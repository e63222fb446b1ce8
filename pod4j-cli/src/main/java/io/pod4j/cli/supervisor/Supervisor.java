package io.pod4j.cli.supervisor;

import io.pod4j.apiserver.ApiServer;
import io.pod4j.apiserver.ApiServerOptions;
import io.pod4j.engine.PodEngine;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background process behind {@code ./pod4j}: one {@link PodEngine} on the state directory's
 * store, serving its Kubernetes API ({@link ApiServer}) to the real kubectl, as a node's kubelet
 * and API server would. Started on demand by {@link SupervisorProcess}; exits after
 * {@code $POD4J_IDLE_SECONDS} (default 60) without pods and without clients (an open watch, log
 * stream, exec or port-forward is a client). A file lock makes sure one runs per state directory.
 */
public final class Supervisor {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    /** A command that read the pid file just before it was removed connects within this time. */
    private static final Duration LEAVING_GRACE = Duration.ofSeconds(2);

    private Supervisor() {
    }

    /**
     * Runs the supervisor until it has been idle long enough.
     *
     * @param args unused
     * @throws IOException when the state directory cannot be set up
     * @throws InterruptedException when interrupted while waiting for the lock
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Files.createDirectories(StateDir.path());
        try (FileChannel lockFile = FileChannel.open(StateDir.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = acquire(lockFile)) {
            if (lock == null) {
                return;
            }
            serve();
        }
        System.exit(0);
    }

    /**
     * @return the lock, or null when another supervisor holds it and serves: one that is leaving
     *     (its pid file gone) is waited for, so a command started as it leaves gets a new one
     */
    private static FileLock acquire(FileChannel lockFile) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            FileLock lock = lockFile.tryLock();
            if (lock != null) {
                return lock;
            }
            if (SupervisorProcess.running() || System.nanoTime() > deadline) {
                LOG.info("another supervisor holds {}; exiting", StateDir.lock());
                return null;
            }
            Thread.sleep(100);
        }
    }

    private static void serve() throws IOException {
        long idleSeconds = Long.parseLong(System.getenv().getOrDefault("POD4J_IDLE_SECONDS", "60"));
        PodEngine engine;
        ApiServer api;
        try {
            // The objects live in the state directory's store, so a supervisor started again has them all,
            // and its engine runs the pods it finds there.
            // The API server's own start runs beside the engine's (Docker connection, node, kubelet).
            ObjectStore objects = ObjectStore.builder().directory(StateDir.path().resolve("store")).build();
            api = ApiServer.start(PodEngine.builder()
                    .stateDir(StateDir.path())
                    .store(objects)
                    .closeGracePeriod(Duration.ZERO), ApiServerOptions.defaults().stateDir(StateDir.path()));
            engine = api.engine();
        } catch (RuntimeException e) {
            // The command that started this supervisor prints this line as its error, not a stack trace.
            String reason = oneLine(e);
            LOG.error("cannot start: {}", reason);
            Files.writeString(StateDir.error(), reason);
            System.exit(1);
            return;
        }
        writePid();
        LOG.info("pod4j supervisor {} serving {} (kubeconfig {}; Docker {}, node {})", ProcessHandle.current().pid(),
                api.url(), api.kubeconfig(), engine.docker().endpoint(), engine.nodeName());
        long lastAccepted = api.acceptedConnections();
        long lastBusy = System.nanoTime();
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                break;
            }
            long accepted = api.acceptedConnections();
            if (accepted != lastAccepted || api.openConnections() > 0 || !engine.list(null, null, null).isEmpty()
                    || cronJobsScheduled(engine.store())) {
                lastAccepted = accepted;
                lastBusy = System.nanoTime();
            } else if (System.nanoTime() - lastBusy > Duration.ofSeconds(idleSeconds).toNanos()) {
                // New commands start another supervisor from now on; one that saw the pid file just before
                // is still answered, and keeps this one serving.
                Files.deleteIfExists(StateDir.pid());
                try {
                    Thread.sleep(LEAVING_GRACE.toMillis());
                } catch (InterruptedException e) {
                    break;
                }
                if (api.acceptedConnections() == accepted && api.openConnections() == 0) {
                    LOG.info("no pods and no clients for {}s; exiting", idleSeconds);
                    break;
                }
                writePid();
            }
        }
        Files.deleteIfExists(StateDir.pid());
        api.close(); // and its engine
    }

    /** Written after the API answers, and renamed into place: a command that reads it can use the kubeconfig. */
    private static void writePid() throws IOException {
        var tmp = StateDir.pid().resolveSibling("supervisor.pid.tmp");
        Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()));
        Files.move(tmp, StateDir.pid(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * @return the failure in one line: the engine's multi-line "no engine answered" text (the
     *     endpoints tried, then what to do) joined with semicolons
     */
    static String oneLine(RuntimeException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.strip().replace(":\n  - ", ": ").replace("\n  - ", "; ").replace("\n", ". ");
    }

    /** A CronJob that is not suspended has work to do later: the supervisor stays to keep its schedule. */
    private static boolean cronJobsScheduled(ObjectStore store) {
        return store.list(ResourceTypes.CRON_JOBS, ListOptions.all()).items().stream()
                .anyMatch(c -> !Boolean.TRUE.equals(c.getSpec().getSuspend()));
    }
}
