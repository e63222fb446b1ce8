package io.pod4j.apiserver.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TerminalSizeTest {

    @Test
    void aResizeMessageGivesWidthAndHeight() {
        assertThat(TerminalSize.parse("{\"Width\":120,\"Height\":40}".getBytes())).isEqualTo(new TerminalSize(120, 40));
        assertThatThrownBy(() -> TerminalSize.parse("{\"w\":1}".getBytes())).isInstanceOf(IllegalArgumentException.class);
    }
}
