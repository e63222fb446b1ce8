package io.pod4j.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.pod4j.engine.docker.DockerConnection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Exec and logs of the local backend's containers, through Docker's streaming connection. */
final class LocalStreams {

    private final DockerConnection docker;

    LocalStreams(DockerConnection docker) {
        this.docker = docker;
    }

    ExecResult exec(String containerId, String... command) {
        var streams = docker.streams();
        String exec = streams.execCreateCmd(containerId).withCmd(command).withAttachStdout(true).withAttachStderr(true)
                .exec().getId();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            streams.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    (frame.getStreamType() == StreamType.STDERR ? err : out).writeBytes(frame.getPayload());
                }
            }).awaitCompletion(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
        Long code = streams.inspectExecCmd(exec).exec().getExitCodeLong();
        return new ExecResult(code == null ? -1 : code.intValue(), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    String logs(String containerId, Integer tail, boolean timestamps, Duration since) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var cmd = docker.streams().logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTimestamps(timestamps);
        if (tail != null) {
            cmd.withTail(tail);
        }
        if (since != null) {
            cmd.withSince((int) (System.currentTimeMillis() / 1000 - since.toSeconds()));
        }
        try {
            cmd.exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    out.writeBytes(frame.getPayload());
                }
            }).awaitCompletion(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
