package io.pod4j.engine.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.pod4j.api.model.Container;
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

    static String read(DockerClient docker, String containerId, Container spec, int exitCode, java.nio.file.Path hostFile) {
        String message = hostFile != null ? local(hostFile) : file(docker, containerId, spec.terminationMessagePath());
        if ((message == null || message.isEmpty()) && exitCode != 0
                && "FallbackToLogsOnError".equals(spec.terminationMessagePolicy())) {
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
