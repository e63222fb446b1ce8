package io.pod4j.cli.verbs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortByTest {

    private static Pod pod(String name, String order, String tier) {
        Pod.Builder b = Pod.named(name).label("order", order).container("c", c -> c.image("busybox:1"));
        if (tier != null) {
            b.label("tier", tier);
        }
        return b.build();
    }

    private static final List<Pod> PODS = List.of(pod("a", "10", "web"), pod("b", "9", null), pod("c", "100", "db"));

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.metadata().name()).toList();
    }

    @Test
    void sortsByTheValueTheExpressionFindsWithMissingValuesFirst() {
        assertThat(names(SortBy.sort(PODS, ".metadata.labels.tier"))).containsExactly("b", "c", "a");
        assertThat(names(SortBy.sort(PODS, "{.metadata.name}"))).containsExactly("a", "b", "c");
    }

    @Test
    void keepsTheServersOrderWithoutAnExpression() {
        assertThat(names(SortBy.sort(PODS, null))).containsExactly("a", "b", "c");
    }

    @Test
    void comparesTextInKubectlsNaturalOrder() {
        assertThat(names(SortBy.sort(PODS, ".metadata.labels.order"))).containsExactly("b", "a", "c");
        assertThat(SortBy.natural("172.17.0.9", "172.17.0.10")).isNegative();
        assertThat(SortBy.natural("pod-b", "pod-a")).isPositive();
        assertThat(SortBy.natural("2026-12-01T06:59:49Z", "2026-12-01T07:00:04Z")).isNegative();
        assertThat(SortBy.natural("a", "ab")).isNegative();
    }
}
