package io.pod4j.apiserver.stream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import io.pod4j.engine.docker.DockerConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running exec or attach in a Docker container, whatever protocol the client speaks. Output is
 * delivered on this session's reader thread; stdin is written on its writer thread, so neither
 * blocks a Netty event loop.
 */
final class ContainerSession implements StreamSession {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerSession.class);

    private final DockerClient docker;
    private final DockerHijack connection;
    private final String execId;
    private final String containerId;
    private final boolean tty;
    /** The container's stdin outlives this session's end of input (an attach to a container without stdinOnce). */
    private final boolean keepsStdinOpen;
    private final List<String> command;
    private final Output output;
    private final ExecutorService writer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ContainerSession(DockerClient docker, DockerHijack connection, String execId, String containerId, boolean tty,
            boolean keepsStdinOpen, List<String> command, Output output, String name) {
        this.docker = docker;
        this.connection = connection;
        this.execId = execId;
        this.containerId = containerId;
        this.tty = tty;
        this.keepsStdinOpen = keepsStdinOpen;
        this.command = command;
        this.output = output;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name + "-stdin");
            t.setDaemon(true);
            return t;
        });
        StreamThreads.start(this::pump, name + "-output");
    }

    /**
     * Starts a command in a container, as the kubelet's exec.
     *
     * @param docker the engine
     * @param containerId the container's Docker id
     * @param options the streams and command
     * @param output where output goes
     * @return the running session
     * @throws IOException when Docker refuses (container not running, no such container)
     */
    static ContainerSession exec(DockerConnection docker, String containerId, StreamOptions options, Output output)
            throws IOException {
        String execId;
        try {
            execId = docker.client().execCreateCmd(containerId).withCmd(options.command().toArray(String[]::new))
                    .withAttachStdin(options.stdin()).withAttachStdout(options.stdout())
                    .withAttachStderr(options.stderr()).withTty(options.tty()).exec().getId();
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
        DockerHijack connection = DockerHijack.open(docker.endpoint(), "/exec/" + execId + "/start",
                "{\"Detach\":false,\"Tty\":" + options.tty() + "}");
        return new ContainerSession(docker.client(), connection, execId, containerId, options.tty(), false, options.command(),
                output, "pod4j-exec-" + execId.substring(0, 12));
    }

    /**
     * Attaches to a container's main process, as the kubelet's attach.
     *
     * @param docker the engine
     * @param containerId the container's Docker id
     * @param options the streams
     * @param containerTty whether the container was created with a tty (Docker frames its stream unless so)
     * @param stdinOnce whether the container's stdin closes when an attached client's input ends
     *     ({@code stdinOnce}); without it the container keeps its stdin and the client still gets its
     *     output until it exits, as from a node (Docker would end the whole attach at that moment)
     * @param output where output goes
     * @return the attached session
     * @throws IOException when Docker refuses
     */
    static ContainerSession attach(DockerConnection docker, String containerId, StreamOptions options, boolean containerTty,
            boolean stdinOnce, Output output) throws IOException {
        String path = "/containers/" + containerId + "/attach?stream=1&stdin=" + (options.stdin() ? 1 : 0) + "&stdout="
                + (options.stdout() ? 1 : 0) + "&stderr=" + (options.stderr() || containerTty && options.stdout() ? 1 : 0);
        DockerHijack connection = DockerHijack.open(docker.endpoint(), path, null);
        return new ContainerSession(docker.client(), connection, null, containerId, containerTty, !stdinOnce, List.of(), output,
                "pod4j-attach-" + containerId.substring(0, 12));
    }

    @Override
    public void stdin(byte[] bytes) {
        submit(() -> connection.write(bytes));
    }

    @Override
    public void closeStdin() {
        if (keepsStdinOpen) {
            return; // the client sends no more; Docker would close the output too if told
        }
        submit(connection::closeStdin);
    }

    @Override
    public void resize(TerminalSize size) {
        if (!tty || size.width() <= 0 || size.height() <= 0) {
            return;
        }
        writer.execute(() -> {
            try {
                if (execId != null) {
                    docker.resizeExecCmd(execId).withSize(size.height(), size.width()).exec();
                } else {
                    docker.resizeContainerCmd(containerId).withSize(size.height(), size.width()).exec();
                }
            } catch (RuntimeException e) {
                LOG.debug("resize of {} to {}x{} failed: {}", execId != null ? execId : containerId, size.width(),
                        size.height(), e.toString());
            }
        });
    }

    private interface Io {
        void run() throws IOException;
    }

    private void submit(Io action) {
        try {
            writer.execute(() -> {
                try {
                    action.run();
                } catch (IOException e) {
                    LOG.debug("writing to {} failed: {}", execId != null ? execId : containerId, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("stdin after the session ended is dropped");
        }
    }

    private void pump() {
        DockerStreamDecoder decoder = new DockerStreamDecoder(output::data);
        byte[] status;
        try {
            deliver(decoder, connection.leftover(), connection.leftover().length);
            ByteBuffer buffer = ByteBuffer.allocate(32 * 1024);
            while (true) {
                buffer.clear();
                int n = connection.read(buffer);
                if (n < 0) {
                    break;
                }
                deliver(decoder, buffer.array(), n);
            }
            status = execId == null ? ExecStatus.exited(0, command) : exitStatus();
        } catch (IOException e) {
            status = closed.get() ? ExecStatus.exited(0, command) : ExecStatus.internalError("error reading from the container: " + e.getMessage());
        } catch (RuntimeException e) {
            status = ExecStatus.internalError("error executing command in container: " + e.getMessage());
        }
        close();
        output.ended(status);
    }

    private void deliver(DockerStreamDecoder decoder, byte[] bytes, int length) {
        if (length == 0) {
            return;
        }
        if (tty) {
            output.data(ChannelProtocol.STDOUT, java.util.Arrays.copyOf(bytes, length));
        } else {
            decoder.feed(bytes, 0, length);
        }
    }

    /** The exec's exit code; Docker may report it a moment after the stream ends. */
    private byte[] exitStatus() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            InspectExecResponse exec = docker.inspectExecCmd(execId).exec();
            if (!Boolean.TRUE.equals(exec.isRunning()) || System.nanoTime() > deadline) {
                Long code = exec.getExitCodeLong();
                if (code == null) {
                    return ExecStatus.internalError("error executing command in container: no exit code for " + command);
                }
                return ExecStatus.exited(code.intValue(), command);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExecStatus.internalError("interrupted while waiting for the exit code of " + command);
            }
        }
    }

    /** Closes the connection to Docker: the process loses its streams (stdin EOF, output dropped). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            writer.shutdown();
            try {
                connection.close();
            } catch (IOException e) {
                LOG.debug("closing the Docker stream: {}", e.toString());
            }
        }
    }
}
