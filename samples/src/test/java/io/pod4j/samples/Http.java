package io.pod4j.samples;

import io.pod4j.engine.PodHandle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A GET against a pod's published port, for the sample tests. */
final class Http {

    private Http() {
    }

    static String get(PodHandle pod, String container, int port, String path) throws Exception {
        var address = pod.endpoint(container, port);
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
