package io.pod4j.api.quantity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

/** Properties of Kubernetes' quantity arithmetic over random inputs. */
class AmountPropertyTest {

    @Property(tries = 2000)
    void reparsingTheDecimalFormGivesTheSameValueAndText(@ForAll long unscaled,
            @ForAll @IntRange(min = -9, max = 24) int exponent, @ForAll boolean exponentFormat) {
        Amount q = Amount.of(BigDecimal.valueOf(unscaled).scaleByPowerOfTen(exponent),
                exponentFormat ? Amount.Format.DECIMAL_EXPONENT : Amount.Format.DECIMAL_SI);

        Amount reparsed = Amount.parse(q.toString());

        assertThat(reparsed).isEqualTo(q).hasToString(q.toString());
        // The text decides the format: "123" (exponent 0) reads as decimal SI, "1e21" (beyond E) as exponent.
        boolean hasExponent = q.toString().contains("e");
        assertThat(reparsed.format())
                .isEqualTo(hasExponent ? Amount.Format.DECIMAL_EXPONENT : Amount.Format.DECIMAL_SI);
    }

    @Property(tries = 2000)
    void reparsingTheBinaryFormGivesTheSameValue(@ForAll @LongRange(min = -(1L << 52), max = 1L << 52) long value,
            @ForAll @IntRange(min = 0, max = 10) int shift) {
        Amount q = Amount.of(value << shift, Amount.Format.BINARY_SI);

        // The format may change (10000 bytes print as "10000" and read back as decimal), never the value;
        // magnitudes stay below 2^63, where Kubernetes caps binary amounts.
        assertThat(Amount.parse(q.toString())).isEqualTo(q);
    }

    @Property(tries = 3000)
    void parsingArbitraryTextEitherSucceedsOrThrowsIllegalArgument(
            @ForAll @StringLength(max = 12) String text) {
        Throwable thrown = catchThrowable(() -> Amount.parse(text));

        assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOf(IllegalArgumentException.class));
    }
}
