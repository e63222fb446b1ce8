package io.pod4j.apiserver.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The ports a WebSocket port-forward request names ({@code ports=8080&ports=9090} or {@code ports=8080,9090}). */
final class ForwardedPorts {

    private ForwardedPorts() {
    }

    /**
     * @param params the decoded query parameters ({@code ports}, or the kubelet's {@code port})
     * @return the ports in the order given
     * @throws IllegalArgumentException in the kubelet's words when one is missing or not a port
     */
    static List<Integer> parse(Map<String, List<String>> params) {
        List<String> values = new ArrayList<>(params.getOrDefault("ports", List.of()));
        values.addAll(params.getOrDefault("port", List.of()));
        if (values.isEmpty()) {
            throw new IllegalArgumentException("query parameter \"port\" is required");
        }
        List<Integer> ports = new ArrayList<>();
        for (String value : values) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("query parameter \"port\" cannot be empty");
            }
            for (String p : value.split(",")) {
                ports.add(port(p.trim(), value));
            }
        }
        return List.copyOf(ports);
    }

    static int port(String text, String context) {
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unable to parse \"" + context + "\" as a port: strconv.ParseUint: parsing \""
                    + text + "\": invalid syntax");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port \"" + context + "\" must be > 0 and < 65536");
        }
        return port;
    }
}
