package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class NodeLeaseTest {

    private static final Instant T0 = Instant.parse("2026-12-03T18:30:00.123456789Z");

    private final ObjectStore store = ObjectStore.inMemory();
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    private Node node() {
        return store.create(new NodeBuilder().withNewMetadata().withName("pod4j").endMetadata().build());
    }

    private GenericKubernetesResource lease() {
        return store.get(ResourceTypes.LEASES, "kube-node-lease", "pod4j");
    }

    @Test
    void theFirstRenewalCreatesTheLeaseHeldByTheNodeForFortySeconds() {
        Node node = node();
        new NodeLease(store, "pod4j", clock).renew();
        GenericKubernetesResource lease = lease();
        Map<?, ?> spec = (Map<?, ?>) lease.getAdditionalProperties().get("spec");
        assertThat(spec.get("holderIdentity")).isEqualTo("pod4j");
        assertThat(spec.get("leaseDurationSeconds")).isEqualTo(40);
        assertThat(spec.get("renewTime")).isEqualTo("2026-12-03T18:30:00.123456Z");
        assertThat(lease.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("Node");
            assertThat(o.getName()).isEqualTo("pod4j");
            assertThat(o.getUid()).isEqualTo(node.getMetadata().getUid());
        });
    }

    @Test
    void aLaterRenewalMovesOnlyTheRenewTime() {
        node();
        NodeLease lease = new NodeLease(store, "pod4j", clock);
        lease.renew();
        GenericKubernetesResource first = lease();
        now.set(T0.plusSeconds(10));
        lease.renew();
        GenericKubernetesResource second = lease();
        assertThat(((Map<?, ?>) second.getAdditionalProperties().get("spec")).get("renewTime"))
                .isEqualTo("2026-12-03T18:30:10.123456Z");
        assertThat(second.getMetadata().getUid()).isEqualTo(first.getMetadata().getUid());
        assertThat(Long.parseLong(second.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(first.getMetadata().getResourceVersion()));
    }

    @Test
    void withoutItsNodeTheLeaseIsNotWrittenAndNothingIsThrown() {
        new NodeLease(store, "pod4j", clock).renew();
        assertThat(store.list(ResourceTypes.LEASES, io.pod4j.store.ListOptions.all()).items()).isEmpty();
    }

    @Test
    void theRenewalIntervalIsAQuarterOfTheDuration() {
        assertThat(NodeLease.RENEW_INTERVAL.toSeconds() * 4).isEqualTo(NodeLease.DURATION_SECONDS);
    }
}
