package io.pod4j.cli.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelEditsTest {

    @Test
    void namesALabelChangeAsKubectlDoes() {
        Map<String, String> two = Map.of("app", "web", "env", "dev");
        assertThat(LabelEdits.labelVerb(two, Map.of("app", "web"), false)).isEqualTo("unlabeled");
        assertThat(LabelEdits.labelVerb(Map.of("app", "web"), two, false)).isEqualTo("labeled");
        assertThat(LabelEdits.labelVerb(two, two, false)).isEqualTo("not labeled");
        // kubectl's quirk: with --overwrite a removal still says "labeled".
        assertThat(LabelEdits.labelVerb(two, Map.of("app", "web"), true)).isEqualTo("labeled");
    }
}
