package io.pod4j.samples;

import io.pod4j.engine.PodHandle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A GET against a pod's published port or a Service's address, for the sample tests. */
final class Http {

    private Http() {
    }

    static String get(PodHandle pod, String container, int port, String path) throws Exception {
        var address = pod.endpoint(container, port);
        return get(URI.create("http://127.0.0.1:" + address.getPort() + path));
    }

    /** A new client each time: a new connection, which a Service's proxy may send to another replica. */
    static String get(URI uri) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + uri + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
