package io.pod4j.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.apiserver.ApiServer;
import io.pod4j.apiserver.ApiServerOptions;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodListener;
import io.pod4j.engine.TestImages;
import io.pod4j.engine.docker.Labels;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ResourceTypes;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Two of the samples' JUnit test classes (a manifest's pod with a sidecar reached through its port;
 * a fabric8 program given the extension's client), unchanged, through the Kubernetes backend: a JUnit run
 * configured with {@code pod4j.backend=kubernetes} and a kubeconfig, here that of pod4j's own API
 * server, so the pods run as real containers reached through fabric8's client and port-forward.
 */
class SamplesOnKubernetesIT {

    @Test
    void theSamplesTestClassesPassOnAClusterInANamespaceOfTheirOwn() {
        TestImages.ensure();
        Path state = Path.of("target", "pod4j-state", getClass().getSimpleName()).toAbsolutePath();
        Set<String> namespaces = ConcurrentHashMap.newKeySet();
        PodListener seen = new PodListener() {
            @Override
            public void podChanged(Pod pod) {
                namespaces.add(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
            }
        };
        try (PodEngine cluster = PodEngine.builder().stateDir(state).build();
                ApiServer api = ApiServer.start(cluster, ApiServerOptions.defaults().stateDir(state))) {
            cluster.addListener(seen);
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(GreeterYamlIT.class), selectClass(OneOffPodIT.class))
                    .configurationParameters(Map.of("pod4j.backend", "kubernetes", "pod4j.kubeconfig", api.kubeconfig().toString()))
                    .build(), summary);

            assertThat(summary.getSummary().getFailures()).extracting(f -> f.getTestIdentifier().getDisplayName() + ": "
                    + f.getException()).as("failures").isEmpty();
            assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(summary.getSummary().getTestsFoundCount())
                    .isGreaterThanOrEqualTo(4);
            assertThat(namespaces).as("pods the cluster ran").anyMatch(p -> p.matches("pod4j-[a-z0-9]{6}/greeter"));
            assertThat(cluster.store().list(ResourceTypes.NAMESPACES, ListOptions.all().withLabelSelector(Labels.MANAGED + "=true"))
                    .items()).as("namespaces left by the run's engine").isEmpty();
        }
    }
}
