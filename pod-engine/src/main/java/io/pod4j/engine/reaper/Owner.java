package io.pod4j.engine.reaper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that owns pods: host, pid and the process's start time, so that a recycled pid is
 * not mistaken for the owner. Written as {@code host/pid/startMillis} into the owner label.
 *
 * @param host the machine's host name
 * @param pid the process id
 * @param startMillis when the process started, in epoch milliseconds
 */
public record Owner(String host, long pid, long startMillis) {

    /** @return the current process as an owner */
    public static Owner current() {
        return of(ProcessHandle.current());
    }

    /**
     * @param pid a process id on this machine
     * @return that process as an owner, if it is alive
     */
    public static Optional<Owner> of(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(Owner::of);
    }

    private static Owner of(ProcessHandle process) {
        return new Owner(hostName(), process.pid(), process.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    /**
     * @param label an owner label value
     * @return the owner, if the label is well-formed
     */
    public static Optional<Owner> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String[] parts = label.split("/");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Owner(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** @return the label value */
    public String id() {
        return host + "/" + pid + "/" + startMillis;
    }

    /** @return true when this owner runs on this machine and its process is alive */
    public boolean isAliveHere() {
        if (!host.equals(hostName())) {
            return true; // another machine's process: not ours to judge
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(0L))
                .map(start -> startMillis == 0 || start == 0 || Math.abs(start - startMillis) < 2000)
                .orElse(false);
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return Files.readString(Path.of("/etc/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }
}
