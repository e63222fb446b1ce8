package io.pod4j.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** Properties of label selectors over random input. */
class LabelSelectorPropertyTest {

    @Property(tries = 3000)
    void parsingArbitraryTextEitherSucceedsOrThrowsIllegalArgument(
            @ForAll("selectorLikeText") String text) {
        Throwable thrown = catchThrowable(() -> LabelSelector.parse(text));

        assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOf(IllegalArgumentException.class));
    }

    @Property(tries = 1000)
    void canonicalFormParsesBackToTheSameSelector(@ForAll("selectorLikeText") String text) {
        LabelSelector selector;
        try {
            selector = LabelSelector.parse(text);
        } catch (IllegalArgumentException invalid) {
            return;
        }
        assertThat(LabelSelector.parse(selector.toString())).isEqualTo(selector);
    }

    @Property(tries = 1000)
    void parsedAndManifestFormsSelectTheSameLabels(@ForAll("validSelector") String text,
            @ForAll("labels") Map<String, String> labels) {
        LabelSelector parsed = LabelSelector.parse(text);
        LabelSelector manifest = LabelSelector.of(parsed.toLabelSelector());

        assertThat(manifest.matches(labels)).isEqualTo(parsed.matches(labels));
    }

    @Property(tries = 500)
    void fieldSelectorParsingEitherSucceedsOrThrowsIllegalArgument(@ForAll @StringLength(max = 40) String text) {
        Throwable thrown = catchThrowable(() -> FieldSelector.parse(text));

        assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOf(IllegalArgumentException.class));
    }

    @Provide
    Arbitrary<String> selectorLikeText() {
        Arbitrary<String> pieces = Arbitraries.of("a", "b", "x.io/k", "v", "", " ", ",", "=", "==", "!=", "!", "in", "notin",
                "(", ")", ">", "<", "1", "-", "\t", "é", "/", "_");
        return pieces.list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> validSelector() {
        Arbitrary<String> key = Arbitraries.of("a", "b", "c");
        Arbitrary<String> value = Arbitraries.of("x", "y", "");
        Arbitrary<String> requirement = Combinators.combine(key, value, value,
                Arbitraries.of("=", "==", "!=", " in ", " notin ", "", "!")).as((k, v, w, op) -> switch (op) {
                    case " in ", " notin " -> k + op + "(" + v + "," + w + ")";
                    case "" -> k;
                    case "!" -> "!" + k;
                    default -> k + op + v;
                });
        return requirement.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(",", l));
    }

    @Provide
    Arbitrary<Map<String, String>> labels() {
        return Arbitraries.maps(Arbitraries.of("a", "b", "c"), Arbitraries.of("x", "y", "")).ofMaxSize(3);
    }

}
