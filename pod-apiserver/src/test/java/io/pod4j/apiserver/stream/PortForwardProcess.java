package io.pod4j.apiserver.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code kubectl port-forward} running in the background, with the local port it chose and all it printed. */
final class PortForwardProcess implements AutoCloseable {

    private static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> \\d+");

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private PortForwardProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    Matcher m = FORWARDING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                output.append(e).append('\n');
            }
            port.completeExceptionally(new IllegalStateException("port-forward ended without forwarding:\n" + output));
        }, "port-forward-output");
        reader.setDaemon(true);
        reader.start();
    }

    static PortForwardProcess start(List<String> command) throws IOException {
        return new PortForwardProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** @return the local port, once kubectl says it forwards */
    int localPort() throws Exception {
        return port.get(60, TimeUnit.SECONDS);
    }

    /**
     * @param http a client
     * @param path the path to get through the forwarded port
     * @return the answer
     * @throws AssertionError with what kubectl printed when the exchange fails
     */
    java.net.http.HttpResponse<String> get(java.net.http.HttpClient http, String path) throws Exception {
        int local = localPort();
        try {
            return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + local + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            process.waitFor(5, TimeUnit.SECONDS); // kubectl exits when it lost the pod: its last words then are in.
            throw new AssertionError("GET " + path + " through port " + local + " failed: " + e + "; kubectl printed:\n" + output, e);
        }
    }

    /** @return everything kubectl printed so far */
    String output() {
        return output.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
