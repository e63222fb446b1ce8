package io.pod4j.engine.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.fabric8.kubernetes.api.model.Container;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads what an ended container left as its termination message: the file at
 * terminationMessagePath, or with {@code FallbackToLogsOnError} and a failed, silent container, the
 * tail of its log (at most 2048 bytes or 80 lines). Capped at 4096 bytes, as the kubelet caps it.
 */
final class TerminationMessages {

    private static final int MAX_BYTES = 4096;
    private static final int LOG_BYTES = 2048;
    private static final int LOG_LINES = 80;

    private TerminationMessages() {
    }

    private static final java.nio.file.Path ROOT = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "pod4j-termination");

    /**
     * Makes the host file a container instance writes its termination message to. The kubelet
     * bind-mounts such a file too: /dev is a tmpfs that is gone when the container ends. Local
     * engines only; with a remote engine the message is read from the container's filesystem.
     *
     * @return the file, or null when the engine is remote or the file cannot be made
     */
    static java.nio.file.Path hostFile(boolean localEngine, io.fabric8.kubernetes.api.model.Pod pod, String container, int attempt) {
        if (!localEngine) {
            return null;
        }
        try {
            java.nio.file.Path dir = ROOT.resolve(pod.getMetadata().getUid());
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Path file = dir.resolve(container + "-" + attempt);
            java.nio.file.Files.deleteIfExists(file);
            java.nio.file.Files.createFile(file);
            file.toFile().setWritable(true, false);
            file.toFile().setReadable(true, false);
            return file;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Removes a deleted pod's message files. */
    static void removeAll(io.fabric8.kubernetes.api.model.Pod pod) {
        java.nio.file.Path dir = ROOT.resolve(pod.getMetadata().getUid());
        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path f : files.toList()) {
                java.nio.file.Files.deleteIfExists(f);
            }
            java.nio.file.Files.deleteIfExists(dir);
        } catch (IOException | RuntimeException gone) {
            // Nothing was made for this pod, or it is gone already.
        }
    }

    static String read(DockerClient docker, String containerId, Container spec, int exitCode, java.nio.file.Path hostFile) {
        String message = hostFile != null ? local(hostFile) : file(docker, containerId, spec.getTerminationMessagePath());
        if ((message == null || message.isEmpty()) && exitCode != 0
                && "FallbackToLogsOnError".equals(spec.getTerminationMessagePolicy())) {
            message = logTail(docker, containerId);
        }
        return message;
    }

    private static String local(java.nio.file.Path file) {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static String file(DockerClient docker, String containerId, String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        try (InputStream in = docker.copyArchiveFromContainerCmd(containerId, path).exec();
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            if (tar.getNextEntry() == null) {
                return null;
            }
            byte[] data = tar.readNBytes(MAX_BYTES);
            return new String(data, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException missing) {
            return null; // no file: no message
        }
    }

    private static String logTail(DockerClient docker, String containerId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(LOG_LINES)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            out.writeBytes(frame.getPayload());
                        }
                    }).awaitCompletion(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            return null;
        }
        byte[] all = out.toByteArray();
        int from = Math.max(0, all.length - LOG_BYTES);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }
}
