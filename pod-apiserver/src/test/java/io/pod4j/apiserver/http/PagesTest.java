package io.pod4j.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagesTest {

    private static ConfigMap cm(String ns, String name) {
        return new ConfigMapBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata().build();
    }

    /** In the store's order: by "namespace/name", where "a-b/" comes before "a/". */
    private static final List<ConfigMap> ITEMS = List.of(cm("a-b", "z"), cm("a", "x"), cm("a", "y"), cm("b", "w"));

    private static List<String> names(List<ConfigMap> items) {
        return items.stream().map(c -> c.getMetadata().getName()).toList();
    }

    @Test
    void withoutALimitEverythingIsOnePage() {
        Pages.Page<ConfigMap> page = Pages.page(ITEMS, null, null, "7");
        assertThat(page.items()).hasSize(4);
        assertThat(page.continueToken()).isNull();
    }

    @Test
    void aLimitCutsThePageAndTheTokenContinuesAfterIt() {
        Pages.Page<ConfigMap> first = Pages.page(ITEMS, 2L, null, "7");
        assertThat(names(first.items())).containsExactly("z", "x");
        assertThat(first.remaining()).isEqualTo(2);
        Pages.Page<ConfigMap> second = Pages.page(ITEMS, 2L, first.continueToken(), "7");
        assertThat(names(second.items())).containsExactly("y", "w");
        assertThat(second.continueToken()).isNull();
    }

    @Test
    void anItemDeletedBetweenPagesDoesNotShiftTheNextPage() {
        Pages.Page<ConfigMap> first = Pages.page(ITEMS, 2L, null, "7");
        List<ConfigMap> later = List.of(cm("a-b", "z"), cm("a", "y"), cm("b", "w"));
        assertThat(names(Pages.page(later, 2L, first.continueToken(), "8").items())).containsExactly("y", "w");
    }

    @Test
    void everyPageHasTheResourceVersionOfTheFirst() {
        Pages.Page<ConfigMap> first = Pages.page(ITEMS, 1L, null, "7");
        Pages.Page<ConfigMap> second = Pages.page(ITEMS, 1L, first.continueToken(), "9");
        Pages.Page<ConfigMap> last = Pages.page(ITEMS, 5L, second.continueToken(), "12");

        assertThat(List.of(first.resourceVersion(), second.resourceVersion(), last.resourceVersion()))
                .containsExactly("7", "7", "7");
    }

    @Test
    void aTokenThisServerDidNotMakeIsABadRequest() {
        assertThatThrownBy(() -> Pages.page(ITEMS, 2L, "not-a-token", "7"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().getCode()).isEqualTo(400);
                    assertThat(e.status().getMessage()).startsWith("continue key is not valid");
                });
    }
}
