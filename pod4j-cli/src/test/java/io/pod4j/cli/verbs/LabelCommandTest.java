package io.pod4j.cli.verbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabelCommandTest {

    @Test
    void readsALabelPairWithExactlyOneEqualsSign() {
        assertThat(new LabelCommand().pair("env=prod")).containsExactly("env", "prod");
        assertThat(new LabelCommand().pair("env=")).containsExactly("env", "");
        assertThatThrownBy(() -> new LabelCommand().pair("a=b=c")).hasMessage("invalid label spec: a=b=c");
    }

    @Test
    void refusesAnInvalidLabelValueBeforeAskingTheServer() {
        assertThatThrownBy(() -> new LabelCommand().pair("env=bad value")).hasMessage("invalid label value: \"env=bad value\": "
                + "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start"
                + " and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for"
                + " validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    }

    @Test
    void takesAnyAnnotationValueButNeedsAKey() {
        assertThat(new AnnotateCommand().pair("note=a = b, c")).containsExactly("note", "a = b, c");
        assertThatThrownBy(() -> new AnnotateCommand().pair("=x")).hasMessage("invalid annotation spec: =x");
    }
}
