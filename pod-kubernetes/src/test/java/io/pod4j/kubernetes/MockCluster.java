package io.pod4j.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.Function;

/**
 * fabric8's mock API server in CRUD mode (objects kept, watches served), with expectations taking
 * precedence and an optional hook that answers some requests itself: the failure paths of the
 * Kubernetes backend without a cluster.
 */
final class MockCluster implements AutoCloseable {

    private final KubernetesMockServer server;

    /** @param hook answers a request itself (non-null) or lets the CRUD server answer it (null) */
    MockCluster(Function<RecordedRequest, MockResponse> hook) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
        Dispatcher dispatcher = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse own = hook.apply(request);
                return own != null ? own : crud.dispatch(request);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        server.init();
    }

    MockCluster() {
        this(r -> null);
    }

    KubernetesMockServer server() {
        return server;
    }

    /** @return a client configuration for the server, with fabric8's retries off (each failure is seen at once) */
    Config config() {
        return new ConfigBuilder(Config.empty()).withMasterUrl(server.url("/")).withTrustCerts(true)
                .withRequestRetryBackoffLimit(0).build();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
