package io.pod4j.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvExpansionTest {

    private static final Map<String, String> VARS = Map.of("A", "1", "NAME", "web", "EMPTY", "");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "plain|plain",
        "$(A)|1",
        "x-$(NAME)-y|x-web-y",
        "$(MISSING)|$(MISSING)",
        "$$(A)|$(A)",
        "$$$(A)|$1",
        "$$|$",
        "$|$",
        "$(A|$(A",
        "a$(EMPTY)b|ab",
        "$(A)$(A)|11",
        "$NAME|$NAME",
    })
    void expandsLikeKubernetes(String input, String expected) {
        assertThat(EnvExpansion.expand(input, VARS)).isEqualTo(expected);
    }
}
