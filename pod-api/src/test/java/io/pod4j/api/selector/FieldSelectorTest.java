package io.pod4j.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldSelectorTest {

    private static final Map<String, String> RUNNING_WEB = Map.of(
            "metadata.name", "web", "metadata.namespace", "default", "status.phase", "Running",
            "spec.nodeName", "local", "spec.restartPolicy", "Always", "status.podIP", "10.0.0.2");

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "metadata.name=web|metadata.name=web",
            "metadata.name==web|metadata.name=web",
            "status.phase!=Running,metadata.name=web|metadata.name=web,status.phase!=Running",
            "''|''",
            "','|''",
            "metadata.name=|metadata.name=",
            "spec.host=n1|spec.nodeName=n1",
            "'metadata.name=a\\,b'|'metadata.name=a\\,b'",
            "'metadata.name=a\\=b'|'metadata.name=a\\=b'"})
    void parsesAndPrintsLikeKubernetes(String input, String canonical) {
        assertThat(FieldSelector.parse(input)).hasToString(canonical);
        assertThat(FieldSelector.parse(canonical)).isEqualTo(FieldSelector.parse(input));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''|true", "metadata.name=web|true", "metadata.name==web|true", "metadata.name=api|false",
            "metadata.name!=api|true", "metadata.name!=web|false",
            "metadata.name=web,status.phase!=Running|false", "metadata.name=web,status.phase=Running|true",
            "metadata.namespace=default,spec.nodeName=local|true", "spec.restartPolicy=Never|false",
            "status.podIP=10.0.0.2|true", "spec.serviceAccountName=|true", "spec.serviceAccountName!=|false"})
    void matchesFieldValuesTreatingAbsentAsEmpty(String selector, boolean expected) {
        assertThat(FieldSelector.parse(selector).matches(RUNNING_WEB)).isEqualTo(expected);
    }

    @Test
    void treatsNullFieldValueAsEmpty() {
        Map<String, String> fields = new java.util.HashMap<>();
        fields.put("spec.restartPolicy", null);

        assertThat(FieldSelector.parse("spec.restartPolicy=").matches(fields)).isTrue();
        assertThat(FieldSelector.parse("spec.restartPolicy!=Always").matches(fields)).isTrue();
    }

    @Test
    void unescapesValuesBeforeMatching() {
        assertThat(FieldSelector.parse("metadata.name=a\\,b").matches(Map.of("metadata.name", "a,b"))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"spec.containers=x", "name=web", "metadata.labels=x", "metadata.name =web"})
    void refusesFieldsTheApiServerDoesNotSupport(String selector) {
        String field = selector.substring(0, selector.indexOf('='));
        assertThatThrownBy(() -> FieldSelector.parse(selector))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field label not supported: " + field);
    }

    @Test
    void refusesTermWithoutOperator() {
        assertThatThrownBy(() -> FieldSelector.parse("metadata.name=web,running"))
                .hasMessage("invalid selector: 'metadata.name=web,running'; can't understand 'running'");
    }

    @Test
    void refusesUnknownEscape() {
        assertThatThrownBy(() -> FieldSelector.parse("metadata.name=a\\b"))
                .hasMessage("invalid field selector: invalid escape sequence: \\b");
    }

    @Test
    void refusesTrailingBackslash() {
        assertThatThrownBy(() -> FieldSelector.parse("metadata.name=a\\"))
                .hasMessage("invalid field selector: invalid escape sequence: \\");
    }

    @Test
    void refusesUnescapedEqualsInValue() {
        assertThatThrownBy(() -> FieldSelector.parse("metadata.name=a=b"))
                .hasMessage("invalid field selector: unescaped character in value: =");
    }

    @Test
    void reportsExactMatchForLookupByName() {
        assertThat(FieldSelector.parse("metadata.name=web,status.phase!=Failed").exactMatch("metadata.name")).hasValue("web");
        assertThat(FieldSelector.parse("status.phase!=Failed").exactMatch("status.phase")).isEmpty();
    }

    @Test
    void everythingSelectsAll() {
        assertThat(FieldSelector.everything().matches(Map.of())).isTrue();
        assertThat(FieldSelector.everything().isEmpty()).isTrue();
        assertThat(FieldSelector.parse("")).isEqualTo(FieldSelector.everything());
    }

    private static Pod runningPod() {
        return new PodBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata()
                .withNewSpec().withNodeName("local").withRestartPolicy("Always").withHostNetwork(true).endSpec()
                .withNewStatus().withPhase("Running").addNewPodIP().withIp("10.0.0.7").endPodIP().endStatus()
                .build();
    }

    @Test
    void matchesPodByItsSelectableFields() {
        Pod pod = runningPod();

        assertThat(FieldSelector.parse("metadata.name=web,metadata.namespace=shop").matches(pod)).isTrue();
        assertThat(FieldSelector.parse("status.phase!=Running").matches(pod)).isFalse();
        assertThat(FieldSelector.parse("spec.nodeName=local,spec.restartPolicy=Always").matches(pod)).isTrue();
        assertThat(FieldSelector.parse("status.podIP=10.0.0.7,spec.hostNetwork=true").matches(pod)).isTrue();
    }

    @Test
    void readsAbsentPodFieldsAsEmptyAndHostNetworkAsFalse() {
        Map<String, String> fields = SelectableFields.valuesOf(
                new PodBuilder().withNewMetadata().withName("bare").endMetadata().build());

        assertThat(fields).containsEntry("metadata.name", "bare").containsEntry("status.phase", "")
                .containsEntry("spec.nodeName", "").containsEntry("spec.hostNetwork", "false")
                .containsEntry("status.podIP", "");
    }

    @Test
    void selectsEventsByTheFieldsKubectlGetEventsUses() {
        Event event = new EventBuilder().withNewMetadata().withName("web.1").withNamespace("shop").endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("web").withNamespace("shop").withUid("u-1").endInvolvedObject()
                .withReason("Started").withType("Normal").withNewSource().withComponent("kubelet").endSource().build();

        assertThat(FieldSelector.parse("Event", "involvedObject.name=web,involvedObject.kind=Pod,reason=Started").matches(event))
                .isTrue();
        assertThat(FieldSelector.parse("Event", "source=kubelet,type!=Warning,involvedObject.uid=u-1").matches(event)).isTrue();
        assertThat(FieldSelector.parse("Event", "involvedObject.name=api").matches(event)).isFalse();
    }

    @Test
    void refusesAPodFieldInAnEventSelectorInTheApiServersWords() {
        assertThatThrownBy(() -> FieldSelector.parse("Event", "status.phase=Running"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("field label not supported: status.phase");
        assertThatThrownBy(() -> FieldSelector.parse("Pod", "involvedObject.name=web"))
                .hasMessage("field label not supported: involvedObject.name");
    }

    @Test
    void offersNameAndNamespaceForEveryKindAndEachKindsOwnFields() {
        assertThat(FieldSelector.parse("ConfigMap", "metadata.name=a,metadata.namespace=b")).isNotNull();
        assertThatThrownBy(() -> FieldSelector.parse("Node", "metadata.namespace=b"))
                .hasMessage("field label not supported: metadata.namespace");
        assertThat(FieldSelector.parse("Node", "spec.unschedulable=true")
                .matches(new NodeBuilder().withNewMetadata().withName("n").endMetadata()
                        .withNewSpec().withUnschedulable(true).endSpec().build())).isTrue();
        assertThat(FieldSelector.parse("Secret", "type=Opaque")
                .matches(new SecretBuilder().withNewMetadata().withName("s").endMetadata().withType("Opaque").build()))
                .isTrue();
    }
}
