package io.pod4j.cli.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pod4j.api.model.Pod;
import org.junit.jupiter.api.Test;

class JsonPathWaitTest {

    private static final Pod WEB = Pod.named("web").label("app", "web")
            .container("httpd", c -> c.image("busybox:1")).build();

    @Test
    void matchesWhenTheExpressionPrintsTheValue() {
        assertThat(JsonPathWait.parse("{.metadata.labels.app}=web").matches(WEB)).isTrue();
        assertThat(JsonPathWait.parse("{.metadata.labels.app}='web'").matches(WEB)).isTrue();
        assertThat(JsonPathWait.parse(".metadata.labels.app=db").matches(WEB)).isFalse();
    }

    @Test
    void readsTheValueAfterTheLastEqualsSignOutsideTheBraces() {
        assertThat(JsonPathWait.parse("{.spec.containers[?(@.name==\"httpd\")].image}=busybox:1").matches(WEB)).isTrue();
    }

    @Test
    void waitsForExistenceWithoutAValueAndForIndexesNotThereYet() {
        assertThat(JsonPathWait.parse("{.metadata.labels.app}").matches(WEB)).isTrue();
        assertThat(JsonPathWait.parse("{.status.podIP}").matches(WEB)).isFalse();
        assertThat(JsonPathWait.parse("{.spec.containers[3].name}=x").matches(WEB)).isFalse();
    }

    @Test
    void refusesAnEmptyValueWithKubectlWords() {
        assertThatThrownBy(() -> JsonPathWait.parse("{.status.phase}=")).hasMessageStartingWith("jsonpath wait format must be");
    }
}
