package io.pod4j.engine;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** The images integration tests use, built locally when missing (no registry is needed). */
public final class TestImages {

    /** A static busybox: sh, httpd, nc, wget, sleep. */
    public static final String BUSYBOX = "pod4j-test/busybox:1";

    private static volatile boolean ensured;

    private TestImages() {
    }

    /** Builds the test images with scripts/ensure-test-images unless they are present. */
    public static synchronized void ensure() {
        if (ensured) {
            return;
        }
        File script = null;
        for (File dir = new File("").getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
            File candidate = new File(dir, "scripts/ensure-test-images");
            if (candidate.canExecute()) {
                script = candidate;
                break;
            }
        }
        if (script == null) {
            throw new IllegalStateException("scripts/ensure-test-images not found above " + new File("").getAbsolutePath());
        }
        try {
            Process p = new ProcessBuilder(script.getPath()).inheritIO().start();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(script + " failed; run it by hand to see why");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        ensured = true;
    }
}
