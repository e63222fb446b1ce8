package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.pod4j.engine.docker.DockerConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What pod workers share: the Docker connection, threads, options and the way back to the engine.
 * Internal to pod-engine; not an API.
 *
 * @param docker the Docker connection
 * @param io the pool that runs syncs and blocking Docker calls
 * @param timer the one thread that schedules wake-ups (back-off expiry, deadlines)
 * @param backOffBase the first restart back-off (the kubelet's is 10 s)
 * @param backOffCap the longest back-off (the kubelet's is 300 s)
 * @param images image presence, pulls and the infra image
 * @param network the Docker network pods get their IPs on
 * @param nodeName the name of the local node
 * @param ownerLabels labels that mark objects as this engine session's
 * @param objects ConfigMaps and Secrets pods may refer to
 * @param node the local node
 * @param placement decides whether a pod fits the node now
 * @param prober runs probe attempts and hook handlers
 * @param strictProbeTiming true to keep the kubelet's probe periods exactly, even before the first success
 * @param sink where workers report status and events
 * @param services the cluster's Services as pods see them (DNS server, Service variables)
 */
public record EngineContext(
        DockerConnection docker,
        ExecutorService io,
        ScheduledExecutorService timer,
        Duration backOffBase,
        Duration backOffCap,
        Images images,
        io.pod4j.engine.docker.PodNetwork network,
        String nodeName,
        Map<String, String> ownerLabels,
        ObjectStore objects,
        LocalNode node,
        Placement placement,
        io.pod4j.engine.probe.ProbeRunner prober,
        boolean strictProbeTiming,
        Sink sink,
        ClusterServices services) {

    /**
     * @param label a label for every object of the pods run with the result
     * @param value its value
     * @return this context, with one more owner label
     */
    public EngineContext withOwnerLabel(String label, String value) {
        Map<String, String> labels = new java.util.LinkedHashMap<>(ownerLabels);
        labels.put(label, value);
        return new EngineContext(docker, io, timer, backOffBase, backOffCap, images, network, nodeName, Map.copyOf(labels),
                objects, node, placement, prober, strictProbeTiming, sink, services);
    }

    /** The cluster's Services as a pod sees them when it is created (io.pod4j.engine.network). */
    public interface ClusterServices {
        /** No Services: pods keep the node's DNS and get no Service variables. */
        ClusterServices NONE = new ClusterServices() {
            @Override
            public String dnsServer() {
                return null;
            }

            @Override
            public Map<String, String> environment(String namespace) {
                return Map.of();
            }
        };

        /** @return the cluster DNS server's address for {@code ClusterFirst} pods, or null while there is none */
        String dnsServer();

        /**
         * @param namespace a pod's namespace
         * @return the Service variables ({@code WEB_SERVICE_HOST}...) of a pod there with {@code enableServiceLinks}
         */
        Map<String, String> environment(String namespace);
    }

    /** Where a worker reports to: the store (status, events, binding, deletion). */
    public interface Sink {
        /**
         * @param pod the pod with its new status
         */
        void status(Pod pod);

        /**
         * @param event an event, new or with a higher count
         */
        void event(Event event);

        /**
         * Binds the pod to the node, as the scheduler does ({@code pods/binding}).
         *
         * @param pod the pod
         * @param nodeName the node
         */
        void bind(Pod pod, String nodeName);

        /**
         * The pod and all its Docker objects are gone: the deletion may be confirmed.
         *
         * @param pod the pod as it was last seen
         */
        void removed(Pod pod);
    }

    /** The scheduler's verdict for the local node. */
    public interface Placement {
        /**
         * @param pod a pod waiting to be scheduled
         * @return null when it fits the node now, else the FailedScheduling message
         */
        String unschedulable(Pod pod);
    }

    /** The ConfigMaps, Secrets, PersistentVolumeClaims and PersistentVolumes of the store, by namespace and name. */
    public interface ObjectStore {
        /**
         * @param namespace the namespace
         * @param name the name
         * @return the ConfigMap, if known
         */
        Optional<ConfigMap> configMap(String namespace, String name);

        /**
         * @param namespace the namespace
         * @param name the name
         * @return the Secret, if known
         */
        Optional<Secret> secret(String namespace, String name);

        /**
         * @param namespace the namespace
         * @param name the claim's name
         * @return the PersistentVolumeClaim, if known
         */
        Optional<PersistentVolumeClaim> claim(String namespace, String name);

        /**
         * @param name the volume's name
         * @return the PersistentVolume, if known
         */
        Optional<PersistentVolume> volume(String name);
    }
}
