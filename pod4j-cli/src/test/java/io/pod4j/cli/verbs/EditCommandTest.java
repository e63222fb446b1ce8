package io.pod4j.cli.verbs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditCommandTest {

    @Test
    void ignoresCommentLinesAsKubectlEditDoes() {
        assertThat(EditCommand.withoutComments(EditCommand.HEADER + "kind: Pod\n# note\nmetadata: {}\n"))
                .isEqualTo("kind: Pod\nmetadata: {}\n");
    }

    @Test
    void putsTheServersCausesAboveTheObjectAsCommentBullets() {
        assertThat(EditCommand.commented("The Pod \"web\" is invalid: spec: Forbidden: no"))
                .isEqualTo("# * spec: Forbidden: no\n");
        assertThat(EditCommand.commented("The Pod \"web\" is invalid: \n* a: one\n* b: two"))
                .isEqualTo("# * a: one\n# * b: two\n");
    }
}
