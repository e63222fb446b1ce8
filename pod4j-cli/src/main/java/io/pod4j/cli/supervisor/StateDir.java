package io.pod4j.cli.supervisor;

import io.pod4j.engine.PodEngine;
import java.nio.file.Path;

/**
 * Where the CLI and its supervisor keep their per-user state: {@code $POD4J_STATE_DIR}, else
 * {@code ~/.pod4j} (the engine's default, so node labels are shared with embedded engines).
 * It holds the supervisor's socket, lock, log, pid and error files and the persisted metadata.
 */
public final class StateDir {

    private StateDir() {
    }

    /** @return the state directory */
    public static Path path() {
        return PodEngine.defaultStateDir();
    }

    /** @return the UNIX domain socket the supervisor listens on */
    public static Path socket() {
        return path().resolve("supervisor.sock");
    }

    /** @return the supervisor's log file */
    public static Path log() {
        return path().resolve("supervisor.log");
    }

    /** @return the lock file that makes sure only one supervisor runs per state directory */
    public static Path lock() {
        return path().resolve("supervisor.lock");
    }

    /** @return the file where a supervisor that cannot use the container engine leaves why, in one line, as it exits */
    public static Path error() {
        return path().resolve("supervisor.error");
    }

    /** @return the file holding the running supervisor's pid */
    public static Path pid() {
        return path().resolve("supervisor.pid");
    }
}
