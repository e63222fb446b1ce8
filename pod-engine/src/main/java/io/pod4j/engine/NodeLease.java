package io.pod4j.engine;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's heartbeat, as the kubelet's node lease controller keeps it: the Lease
 * {@code kube-node-lease/NODE}, held by the node for {@value #DURATION_SECONDS} s, owned by the
 * Node object, its {@code renewTime} renewed every {@link #RENEW_INTERVAL} (a quarter of the
 * duration). {@code kubectl describe node} prints it.
 */
final class NodeLease {

    private static final Logger LOG = LoggerFactory.getLogger(NodeLease.class);

    /** Where node leases live in every cluster. */
    static final String NAMESPACE = "kube-node-lease";
    /** The kubelet's {@code nodeLeaseDurationSeconds}. */
    static final int DURATION_SECONDS = 40;
    /** The kubelet renews at a quarter of the duration. */
    static final Duration RENEW_INTERVAL = Duration.ofSeconds(DURATION_SECONDS / 4);

    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final ObjectStore store;
    private final String nodeName;
    private final Clock clock;

    NodeLease(ObjectStore store, String nodeName, Clock clock) {
        this.store = store;
        this.nodeName = nodeName;
        this.clock = clock;
    }

    /**
     * Creates the lease or renews it. Never throws: a failed renewal is logged and the next one
     * tries again, as the kubelet's controller retries.
     */
    void renew() {
        try {
            Node node = store.get(ResourceTypes.NODES, "", nodeName);
            GenericKubernetesResource current = find();
            GenericKubernetesResource next = renewed(current, node, clock.instant());
            if (current == null) {
                store.create(next);
            } else {
                store.update(next);
            }
        } catch (StoreException e) {
            // A conflict (someone wrote it meanwhile) or a closed store: the next round retries.
            LOG.debug("node {}: lease not renewed: {}", nodeName, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("node {}: lease not renewed", nodeName, e);
        }
    }

    private GenericKubernetesResource find() {
        try {
            return store.get(ResourceTypes.LEASES, NAMESPACE, nodeName);
        } catch (StoreException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    /**
     * @param current the lease as stored, or null when there is none
     * @param node the node that holds it
     * @param now the time of the renewal
     * @return the lease to write: held by the node, renewed now, owned by the Node object
     */
    static GenericKubernetesResource renewed(GenericKubernetesResource current, Node node, Instant now) {
        String name = node.getMetadata().getName();
        OwnerReference owner = new OwnerReferenceBuilder().withApiVersion("v1").withKind("Node").withName(name)
                .withUid(node.getMetadata().getUid()).build();
        GenericKubernetesResource lease = current;
        if (lease == null) {
            lease = new GenericKubernetesResource();
            lease.setApiVersion(ResourceTypes.LEASES.apiVersion());
            lease.setKind(ResourceTypes.LEASES.kind());
            lease.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        }
        lease.getMetadata().setOwnerReferences(List.of(owner));
        Map<String, Object> spec = new LinkedHashMap<>();
        if (lease.getAdditionalProperties().get("spec") instanceof Map<?, ?> kept) {
            kept.forEach((k, v) -> spec.put(k.toString(), v));
        }
        spec.put("holderIdentity", name);
        spec.put("leaseDurationSeconds", DURATION_SECONDS);
        spec.put("renewTime", MICRO_TIME.format(now));
        lease.setAdditionalProperty("spec", spec);
        return lease;
    }
}
