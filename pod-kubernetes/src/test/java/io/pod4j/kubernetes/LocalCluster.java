package io.pod4j.kubernetes;

import io.fabric8.kubernetes.api.model.Namespace;
import io.pod4j.apiserver.ApiServer;
import io.pod4j.apiserver.ApiServerOptions;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.TestImages;
import io.pod4j.engine.docker.DockerConnection;
import io.pod4j.engine.docker.Labels;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ResourceTypes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes cluster on this machine for the Kubernetes backend's tests: a local pod4j engine
 * serving the Kubernetes API (pod-apiserver), so that a second engine built with
 * {@code .kubernetes(kubeconfig)} runs real containers through the real client protocol.
 * Closing it checks that no Docker object is left.
 */
final class LocalCluster implements AutoCloseable {

    private final PodEngine local;
    private final ApiServer server;
    private final String owner = io.pod4j.engine.reaper.Owner.current().id();

    LocalCluster(String name) {
        TestImages.ensure();
        Path state = Path.of("target", "pod4j-state", name).toAbsolutePath();
        local = PodEngine.builder().backOffBase(Duration.ofMillis(300)).backOffCap(Duration.ofSeconds(5)).stateDir(state).build();
        server = ApiServer.start(local, ApiServerOptions.defaults().stateDir(state));
    }

    /** @return the kubeconfig of the API server */
    Path kubeconfig() {
        return server.kubeconfig();
    }

    /** @return an engine on this cluster, with a quick heartbeat */
    PodEngine engine() {
        return PodEngine.builder().kubernetes(kubeconfig(), null).heartbeat(Duration.ofSeconds(1)).build();
    }

    /** @return the cluster's namespaces made by pod4j engines */
    List<Namespace> managedNamespaces() {
        return local.store().list(ResourceTypes.NAMESPACES, ListOptions.all().withLabelSelector(Labels.MANAGED + "=true")).items();
    }

    /** @return the cluster's local engine (its store is the cluster's) */
    PodEngine local() {
        return local;
    }

    @Override
    public void close() {
        server.close();
        local.close();
        try (DockerConnection check = DockerConnection.open(null)) {
            var left = check.client().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.OWNER, owner)).exec();
            if (!left.isEmpty()) {
                throw new AssertionError("containers left behind: " + left.stream().map(c -> c.getNames()[0]).toList());
            }
        }
    }
}
