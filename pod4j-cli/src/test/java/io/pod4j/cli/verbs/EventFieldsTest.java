package io.pod4j.cli.verbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pod4j.api.model.Event;
import io.pod4j.api.model.ObjectReference;
import org.junit.jupiter.api.Test;

class EventFieldsTest {

    private static final Event BACKOFF = Event.builder().type("Warning").reason("BackOff")
            .involvedObject(new ObjectReference("Pod", "default", "web", "u1", "v1", null)).build();

    @Test
    void selectsEventsByTheApiServersEventFields() {
        assertThat(EventFields.parse("involvedObject.name=web").matches(BACKOFF)).isTrue();
        assertThat(EventFields.parse("involvedObject.name=db").matches(BACKOFF)).isFalse();
        assertThat(EventFields.parse("type!=Normal,reason==BackOff").matches(BACKOFF)).isTrue();
        assertThat(EventFields.parse(null).matches(BACKOFF)).isTrue();
    }

    @Test
    void refusesOtherFieldsWithTheApiServersWords() {
        assertThatThrownBy(() -> EventFields.parse("status.phase=Running")).hasMessage("Unable to find \"/v1, Resource=events\" that"
                + " match label selector \"\", field selector \"status.phase=Running\": field label not supported: status.phase");
    }
}
