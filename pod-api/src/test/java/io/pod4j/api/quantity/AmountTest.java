package io.pod4j.api.quantity;

import static io.pod4j.api.quantity.Amount.Format.BINARY_SI;
import static io.pod4j.api.quantity.Amount.Format.DECIMAL_EXPONENT;
import static io.pod4j.api.quantity.Amount.Format.DECIMAL_SI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tables taken from Kubernetes' own quantity_test.go (TestQuantityParse, TestQuantityString, ...). */
class AmountTest {

    private static Arguments dec(String input, String unscaled, int exponent, Amount.Format format) {
        return Arguments.of(input, new BigDecimal(unscaled).scaleByPowerOfTen(exponent), format);
    }

    static Stream<Arguments> kubernetesParseTable() {
        return Stream.of(
                dec("0", "0", 0, DECIMAL_SI), dec("0n", "0", 0, DECIMAL_SI), dec("0u", "0", 0, DECIMAL_SI),
                dec("0m", "0", 0, DECIMAL_SI), dec("0Ki", "0", 0, BINARY_SI), dec("0k", "0", 0, DECIMAL_SI),
                dec("0Mi", "0", 0, BINARY_SI), dec("0M", "0", 0, DECIMAL_SI), dec("0Gi", "0", 0, BINARY_SI),
                dec("0G", "0", 0, DECIMAL_SI), dec("0Ti", "0", 0, BINARY_SI), dec("0T", "0", 0, DECIMAL_SI),
                dec("1", "1", 0, DECIMAL_SI),
                dec("1Ki", "1024", 0, BINARY_SI), dec("8Ki", "8192", 0, BINARY_SI),
                dec("7Mi", "7340032", 0, BINARY_SI), dec("6Gi", "6442450944", 0, BINARY_SI),
                dec("5Ti", "5497558138880", 0, BINARY_SI), dec("4Pi", "4503599627370496", 0, BINARY_SI),
                dec("3Ei", "3458764513820540928", 0, BINARY_SI),
                dec("10Ti", "10995116277760", 0, BINARY_SI), dec("100Ti", "109951162777600", 0, BINARY_SI),
                dec("5n", "5", -9, DECIMAL_SI), dec("4u", "4", -6, DECIMAL_SI), dec("3m", "3", -3, DECIMAL_SI),
                dec("9", "9", 0, DECIMAL_SI), dec("8k", "8", 3, DECIMAL_SI), dec("50k", "5", 4, DECIMAL_SI),
                dec("7M", "7", 6, DECIMAL_SI), dec("6G", "6", 9, DECIMAL_SI), dec("5T", "5", 12, DECIMAL_SI),
                dec("40T", "4", 13, DECIMAL_SI), dec("300T", "3", 14, DECIMAL_SI), dec("2P", "2", 15, DECIMAL_SI),
                dec("1E", "1", 18, DECIMAL_SI),
                dec("1E-3", "1", -3, DECIMAL_EXPONENT), dec("1e3", "1", 3, DECIMAL_EXPONENT),
                dec("1E6", "1", 6, DECIMAL_EXPONENT), dec("1e9", "1", 9, DECIMAL_EXPONENT),
                dec("1E12", "1", 12, DECIMAL_EXPONENT), dec("1e15", "1", 15, DECIMAL_EXPONENT),
                dec("1E18", "1", 18, DECIMAL_EXPONENT),
                dec("1e14", "1", 14, DECIMAL_EXPONENT), dec("1e13", "1", 13, DECIMAL_EXPONENT),
                dec("100.035k", "100035", 0, DECIMAL_SI),
                dec("0.001", "1", -3, DECIMAL_SI), dec("0.0005k", "5", -1, DECIMAL_SI),
                dec("0.005", "5", -3, DECIMAL_SI), dec("0.05", "5", -2, DECIMAL_SI), dec("0.5", "5", -1, DECIMAL_SI),
                dec("0.00050k", "5", -1, DECIMAL_SI), dec("0.00500", "5", -3, DECIMAL_SI),
                dec("0.05000", "5", -2, DECIMAL_SI), dec("0.50000", "5", -1, DECIMAL_SI),
                dec("0.5e0", "5", -1, DECIMAL_EXPONENT), dec("0.5e-1", "5", -2, DECIMAL_EXPONENT),
                dec("0.5e-2", "5", -3, DECIMAL_EXPONENT), dec("10.035M", "10035", 3, DECIMAL_SI),
                dec("1.2e3", "12", 2, DECIMAL_EXPONENT), dec("1.3E+6", "13", 5, DECIMAL_EXPONENT),
                dec("1.40e9", "14", 8, DECIMAL_EXPONENT), dec("1.53E12", "153", 10, DECIMAL_EXPONENT),
                dec("1.6e15", "16", 14, DECIMAL_EXPONENT), dec("1.7E18", "17", 17, DECIMAL_EXPONENT),
                dec("9.01", "901", -2, DECIMAL_SI), dec("8.1k", "81", 2, DECIMAL_SI),
                dec("7.123456M", "7123456", 0, DECIMAL_SI), dec("6.987654321G", "6987654321", 0, DECIMAL_SI),
                dec("5.444T", "5444", 9, DECIMAL_SI), dec("40.1T", "401", 11, DECIMAL_SI),
                dec("300.2T", "3002", 11, DECIMAL_SI), dec("2.5P", "25", 14, DECIMAL_SI),
                dec("1.01E", "101", 16, DECIMAL_SI),
                // things that saturate or round
                dec("3.001n", "4", -9, DECIMAL_SI), dec("1.1E-9", "2", -9, DECIMAL_EXPONENT),
                dec("0.0000000001", "1", -9, DECIMAL_SI), dec("0.0000000005", "1", -9, DECIMAL_SI),
                dec("0.00000000050", "1", -9, DECIMAL_SI), dec("0.5e-9", "1", -9, DECIMAL_EXPONENT),
                dec("0.9n", "1", -9, DECIMAL_SI), dec("0.00000012345", "124", -9, DECIMAL_SI),
                dec("0.00000012354", "124", -9, DECIMAL_SI),
                dec("9Ei", "9223372036854775807", 0, BINARY_SI),
                dec("9223372036854775807Ki", "9223372036854775807", 0, BINARY_SI),
                dec("12E", "12", 18, DECIMAL_SI),
                // fractional binary amounts
                dec("100.035Ki", "10243584", -2, BINARY_SI), dec("0.5Mi", "524288", 0, BINARY_SI),
                dec("0.05Gi", "536870912", -1, BINARY_SI), dec("0.025Ti", "274877906944", -1, BINARY_SI),
                // "things written by trolls"
                dec("0.000000000001Ki", "2", -9, DECIMAL_SI), dec(".001", "1", -3, DECIMAL_SI),
                dec(".0001k", "100", -3, DECIMAL_SI), dec("1.", "1", 0, DECIMAL_SI),
                dec("1.G", "1", 9, DECIMAL_SI));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kubernetesParseTable")
    void parsesValueAndFormatLikeKubernetes(String input, BigDecimal value, Amount.Format format) {
        Amount q = Amount.parse(input);

        assertThat(q.toBigDecimal()).isEqualByComparingTo(value);
        assertThat(q.format()).isEqualTo(format);
    }

    @ParameterizedTest(name = "-{0}")
    @MethodSource("kubernetesParseTable")
    void parsesNegatedInputToNegatedValueWithSameFormat(String input, BigDecimal value, Amount.Format format) {
        Amount q = Amount.parse("-" + input);

        assertThat(q.toBigDecimal()).isEqualByComparingTo(value.negate());
        assertThat(q.format()).isEqualTo(format);
    }

    @ParameterizedTest(name = "+{0}")
    @MethodSource("kubernetesParseTable")
    void parsesInputWithExplicitPlusToSameValue(String input, BigDecimal value, Amount.Format format) {
        Amount q = Amount.parse("+" + input);

        assertThat(q.toBigDecimal()).isEqualByComparingTo(value);
        assertThat(q.format()).isEqualTo(format);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i", "-3.01e-", " 1", "1 ", ""})
    void rejectsWhatKubernetesRejects(String input) {
        assertThatThrownBy(() -> Amount.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot parse '" + input + "': ");
    }

    @Test
    void reportsMalformedQuantityWithKubernetesRegularExpression() {
        assertThatThrownBy(() -> Amount.parse("1.1.M"))
                .hasMessage("cannot parse '1.1.M': quantities must match the regular expression "
                        + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }

    @Test
    void reportsUnknownSuffixWithKubernetesMessage() {
        assertThatThrownBy(() -> Amount.parse("0.1mi"))
                .hasMessage("cannot parse '0.1mi': unable to parse quantity's suffix");
    }

    /** Canonical forms from TestQuantityString: the value, then Kubernetes' printed form. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "1073741824, BINARY_SI, 1Gi", "314572800, BINARY_SI, 300Mi", "6144, BINARY_SI, 6Ki",
            "1074815565824, BINARY_SI, 1001Gi", "1099511627776, BINARY_SI, 1Ti", "5, BINARY_SI, 5",
            "0.5, BINARY_SI, 500m", "1E+9, DECIMAL_SI, 1G", "1E-3, DECIMAL_SI, 1m", "0.08, DECIMAL_SI, 80m",
            "1.08, DECIMAL_SI, 1080m", "3E+8, DECIMAL_SI, 300M", "1E+12, DECIMAL_SI, 1T",
            "1E+18, DECIMAL_SI, 1E", "1E+21, DECIMAL_SI, 1e21", "5E+21, DECIMAL_SI, 5e21",
            "1E+24, DECIMAL_SI, 1e24", "1234567E+6, DECIMAL_SI, 1234567M", "1234.567, BINARY_SI, 1234567m",
            "3000, DECIMAL_SI, 3k", "1025, BINARY_SI, 1025", "0, DECIMAL_SI, 0", "0, BINARY_SI, 0",
            "1E+9, DECIMAL_EXPONENT, 1e9", "1E-3, DECIMAL_EXPONENT, 1e-3", "1E-9, DECIMAL_EXPONENT, 1e-9",
            "0.08, DECIMAL_EXPONENT, 80e-3", "3E+8, DECIMAL_EXPONENT, 300e6", "3000, DECIMAL_EXPONENT, 3e3",
            "0, DECIMAL_EXPONENT, 0", "1E-9, DECIMAL_SI, 1n", "8E-8, DECIMAL_SI, 80n",
            "1.08E-6, DECIMAL_SI, 1080n", "1E-6, DECIMAL_SI, 1u", "8E-5, DECIMAL_SI, 80u", "1.08E-3, DECIMAL_SI, 1080u"})
    void printsCanonicalFormLikeKubernetes(BigDecimal value, Amount.Format format, String expected) {
        assertThat(Amount.of(value, format)).hasToString(expected);
        if (value.signum() != 0) {
            assertThat(Amount.of(value.negate(), format)).hasToString("-" + expected);
        }
    }

    /** Non-canonical inputs from TestQuantityString's "alternate" column and TestQuantityParseEmit. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "1024Mi, 1Gi", "307200Ki, 300Mi", "1025024Mi, 1001Gi", "1024Gi, 1Ti", "5000m, 5", "0.5, 500m",
            "1000M, 1G", "0.001T, 1G", "1000u, 1m", "1.08, 1080m", "1080000000n, 1080m", "1000E, 1e21",
            "5000E, 5e21", "1000000E, 1e24", ".001e12, 1e9", "0.001e0, 1e-3", "1000e-12, 1e-9", "00, 0",
            "1Ki, 1Ki", "1Mi, 1Mi", "1Gi, 1Gi", ".001Ki, 1024m", ".000001Ki, 1024u", ".000000001Ki, 1024n",
            ".000000000001Ki, 2n", "1.5Gi, 1536Mi", "1000, 1k", "1e3, 1e3", "1500, 1500", "1.5k, 1500",
            "500m, 500m", "128Mi, 128Mi", "1G, 1G", "0.1, 100m", "2.5, 2500m", "9Ei, 9223372036854775807"})
    void printsParsedInputInCanonicalForm(String input, String expected) {
        assertThat(Amount.parse(input)).hasToString(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+1", "01", "1.", "1.500", "1E3", "1e+3", "+1Ki", "100m"})
    void keepsAnInputTheApiServerWouldReuseVerbatim(String input) {
        assertThat(Amount.parse(input)).hasToString(input);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+", "-", "-0", "000", ".", "-."})
    void parsesSignOrZerosAloneAsZeroLikeKubernetes(String input) {
        assertThat(Amount.parse(input)).isEqualTo(Amount.ZERO).hasToString("0");
    }

    @Test
    void comparesEqualByValueWhateverTheFormat() {
        assertThat(Amount.parse("1Ki")).isEqualTo(Amount.parse("1024"))
                .hasSameHashCodeAs(Amount.parse("1.024k"));
        assertThat(Amount.parse("0.5")).isEqualTo(Amount.parse("500m"));
        assertThat(Amount.parse("1e3")).isEqualTo(Amount.parse("1k"));
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({"0, 0, 0", "100m, 50m, 1", "50m, 100m, -1", "10000T, 100Gi, 1"})
    void ordersByValueLikeKubernetesCmp(String x, String y, int expected) {
        assertThat(Integer.signum(Amount.parse(x).compareTo(Amount.parse(y)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"500m, 500, 1", "1, 1000, 1", "0.5, 500, 1", "1n, 1, 1", "1.5, 1500, 2", "128Mi, 134217728000, 134217728",
            "1G, 1000000000000, 1000000000", "2.0001, 2001, 3", "0, 0, 0", "-1.5, -1500, -2"})
    void roundsMilliValueAndValueAwayFromZero(String input, long milli, long value) {
        Amount q = Amount.parse(input);

        assertThat(q.milliValue()).isEqualTo(milli);
        assertThat(q.value()).isEqualTo(value);
    }

    @Test
    void saturatesValueInsteadOfOverflowing() {
        assertThat(Amount.parse("1e999999999").value()).isEqualTo(Long.MAX_VALUE);
        assertThat(Amount.parse("9Ei").milliValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(Amount.parse("-20E").value()).isEqualTo(Long.MIN_VALUE);
        assertThat(Amount.parse("9Ei").value()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void handlesExtremeExponentsWithoutExpandingThem() {
        assertThat(Amount.parse("1e999999999")).hasToString("1e999999999");
        assertThat(Amount.parse("1e-999999999")).hasToString("1e-9");
        assertThat(Amount.parse("1e-999999999").milliValue()).isEqualTo(1);
    }

    @Test
    void buildsQuantitiesLikeKubernetesConstructors() {
        assertThat(Amount.of(1000, DECIMAL_SI)).hasToString("1k");
        assertThat(Amount.of(1024, BINARY_SI)).hasToString("1Ki");
        assertThat(Amount.of(1024 * 1024, BINARY_SI)).hasToString("1Mi");
        assertThat(Amount.ofMillis(1, DECIMAL_SI)).hasToString("1m");
        assertThat(Amount.ofMillis(1234000, DECIMAL_SI)).hasToString("1234");
        assertThat(Amount.ofMillis(1024, BINARY_SI)).hasToString("1024m");
        assertThat(Amount.ofMillis(1000000, DECIMAL_EXPONENT)).hasToString("1e3");
    }
}
