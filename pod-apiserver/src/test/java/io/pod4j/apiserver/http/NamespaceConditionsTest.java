package io.pod4j.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceCondition;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The conditions on a terminating namespace, as the namespace controller words them (values seen on 1.2x clusters). */
class NamespaceConditionsTest {

    private static final String T1 = "2026-12-03T08:00:00Z";
    private static final String T2 = "2026-12-03T08:00:05Z";

    private static TreeMap<String, Integer> counts(Object... pairs) {
        TreeMap<String, Integer> m = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return m;
    }

    private static String line(NamespaceCondition c) {
        return c.getType() + " " + c.getStatus() + " " + c.getReason() + " " + c.getMessage() + " " + c.getLastTransitionTime();
    }

    @Test
    void remainingPodsAndFinalizersAreNamedByResourceAndGroup() {
        List<NamespaceCondition> c = NamespaceConditions.after(counts("pods.", 2, "deployments.apps", 1),
                counts("example.com/hold", 1), List.of(), T1);

        assertThat(c).extracting(NamespaceConditionsTest::line).containsExactly(
                "NamespaceDeletionDiscoveryFailure False ResourcesDiscovered All resources successfully discovered " + T1,
                "NamespaceDeletionGroupVersionParsingFailure False ParsedGroupVersions All legacy kube types successfully parsed "
                        + T1,
                "NamespaceDeletionContentFailure False ContentDeleted All content successfully deleted, may be waiting on "
                        + "finalization " + T1,
                "NamespaceContentRemaining True SomeResourcesRemain Some resources are remaining: deployments.apps has 1 "
                        + "resource instances, pods. has 2 resource instances " + T1,
                "NamespaceFinalizersRemaining True SomeFinalizersRemain Some content in the namespace has finalizers "
                        + "remaining: example.com/hold in 1 resource instances " + T1);
    }

    @Test
    void aConditionKeepsItsTransitionTimeUntilItsStatusChanges() {
        List<NamespaceCondition> first = NamespaceConditions.after(counts("pods.", 2), counts(), List.of(), T1);

        List<NamespaceCondition> second = NamespaceConditions.after(counts("pods.", 1), counts("a/b", 1), first, T2);

        assertThat(second.get(3).getMessage()).isEqualTo("Some resources are remaining: pods. has 1 resource instances");
        assertThat(second.get(3).getLastTransitionTime()).isEqualTo(T1);
        assertThat(second.get(4).getStatus()).isEqualTo("True");
        assertThat(second.get(4).getLastTransitionTime()).isEqualTo(T2);
    }

    @Test
    void noFinalizersIsSaidSo() {
        NamespaceCondition c = NamespaceConditions.after(counts("pods.", 1), counts(), List.of(), T1).get(4);

        assertThat(line(c)).isEqualTo("NamespaceFinalizersRemaining False ContentHasNoFinalizers "
                + "All content-preserving finalizers finished " + T1);
    }
}
