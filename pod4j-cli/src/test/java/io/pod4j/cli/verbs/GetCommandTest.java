package io.pod4j.cli.verbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import org.junit.jupiter.api.Test;

class GetCommandTest {

    private static final Event BACKOFF = new EventBuilder().withType("Warning").withReason("BackOff")
            .withNewInvolvedObject().withKind("Pod").withNamespace("default").withName("web").withUid("u1").withApiVersion("v1")
            .endInvolvedObject().build();

    @Test
    void selectsEventsByTheApiServersEventFields() {
        assertThat(GetCommand.eventFields("involvedObject.name=web").matches(BACKOFF)).isTrue();
        assertThat(GetCommand.eventFields("involvedObject.name=db").matches(BACKOFF)).isFalse();
        assertThat(GetCommand.eventFields("type!=Normal,reason==BackOff").matches(BACKOFF)).isTrue();
        assertThat(GetCommand.eventFields(null).matches(BACKOFF)).isTrue();
    }

    @Test
    void refusesOtherEventFieldsWithTheApiServersWords() {
        assertThatThrownBy(() -> GetCommand.eventFields("status.phase=Running")).hasMessage("Unable to find \"/v1, Resource=events\" that"
                + " match label selector \"\", field selector \"status.phase=Running\": field label not supported: status.phase");
    }
}
