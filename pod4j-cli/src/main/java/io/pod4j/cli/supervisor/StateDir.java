package io.pod4j.cli.supervisor;

import io.pod4j.engine.PodEngine;
import java.nio.file.Path;

/**
 * Where the CLI and its supervisor keep their per-user state: {@code $POD4J_STATE_DIR}, else
 * {@code ~/.pod4j} (the engine's default, so node labels are shared with embedded engines).
 * It holds the supervisor's lock, pid, log and error files, the object store and the API
 * server's certificates and kubeconfig.
 */
public final class StateDir {

    private StateDir() {
    }

    /** @return the state directory */
    public static Path path() {
        return PodEngine.defaultStateDir().toAbsolutePath();
    }

    /** @return the kubeconfig (mode 0600) that reaches the running supervisor's API server */
    public static Path kubeconfig() {
        return path().resolve("apiserver").resolve("kubeconfig");
    }

    /** @return the supervisor's log file */
    public static Path log() {
        return path().resolve("supervisor.log");
    }

    /** @return the lock file that makes sure only one supervisor runs per state directory */
    public static Path lock() {
        return path().resolve("supervisor.lock");
    }

    /** @return the file where a supervisor that cannot start leaves why, in one line, as it exits */
    public static Path error() {
        return path().resolve("supervisor.error");
    }

    /** @return the running supervisor's pid, written once its API answers and removed as it leaves */
    public static Path pid() {
        return path().resolve("supervisor.pid");
    }
}
