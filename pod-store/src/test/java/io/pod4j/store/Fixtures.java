package io.pod4j.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert;

/** Objects and a clock for the store's tests. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    private Fixtures() {
    }

    static ObjectStore store() {
        return ObjectStore.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    /** A Pod as a user writes it, with one container {@code app} listening on 80. */
    static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx:1.27")
                .addNewPort().withContainerPort(80).endPort()
                .addNewEnv().withName("MODE").withValue("prod").endEnv().endContainer()
                .withTerminationGracePeriodSeconds(30L).endSpec().build();
    }

    /** A Pod a kubelet runs: bound to node {@code node-1}. */
    static Pod scheduledPod(String name) {
        Pod p = pod(name);
        p.getSpec().setNodeName("node-1");
        return p;
    }

    static ConfigMap configMap(String name, String key, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData(key, value).build();
    }

    /** Asserts a refusal: its code, reason, and (unless null) its whole message. */
    static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(ThrowableAssert.ThrowingCallable call,
            int code, String reason, String message) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(StoreException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.code()).as("code").isEqualTo(code);
            org.assertj.core.api.Assertions.assertThat(e.reason()).as("reason").isEqualTo(reason);
            org.assertj.core.api.Assertions.assertThat(e.status().getStatus()).isEqualTo("Failure");
        }).satisfies(e -> {
            if (message != null) {
                org.assertj.core.api.Assertions.assertThat(e).hasMessage(message);
            }
        });
    }
}
