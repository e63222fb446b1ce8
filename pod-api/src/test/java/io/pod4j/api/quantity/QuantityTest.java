package io.pod4j.api.quantity;

import static io.pod4j.api.quantity.Quantity.Format.BINARY_SI;
import static io.pod4j.api.quantity.Quantity.Format.DECIMAL_EXPONENT;
import static io.pod4j.api.quantity.Quantity.Format.DECIMAL_SI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tables taken from Kubernetes' own quantity_test.go (TestQuantityParse, TestQuantityString, ...). */
class QuantityTest {

    private static Arguments dec(String input, String unscaled, int exponent, Quantity.Format format) {
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
    void parsesValueAndFormatLikeKubernetes(String input, BigDecimal value, Quantity.Format format) {
        Quantity q = Quantity.parse(input);

        assertThat(q.toBigDecimal()).isEqualByComparingTo(value);
        assertThat(q.format()).isEqualTo(format);
    }

    @ParameterizedTest(name = "-{0}")
    @MethodSource("kubernetesParseTable")
    void parsesNegatedInputToNegatedValueWithSameFormat(String input, BigDecimal value, Quantity.Format format) {
        Quantity q = Quantity.parse("-" + input);

        assertThat(q.toBigDecimal()).isEqualByComparingTo(value.negate());
        assertThat(q.format()).isEqualTo(format);
    }

    @ParameterizedTest(name = "+{0}")
    @MethodSource("kubernetesParseTable")
    void parsesInputWithExplicitPlusToSameValue(String input, BigDecimal value, Quantity.Format format) {
        Quantity q = Quantity.parse("+" + input);

        assertThat(q.toBigDecimal()).isEqualByComparingTo(value);
        assertThat(q.format()).isEqualTo(format);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i", "-3.01e-", " 1", "1 ", ""})
    void rejectsWhatKubernetesRejects(String input) {
        assertThatThrownBy(() -> Quantity.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot parse '" + input + "': ");
    }

    @Test
    void reportsMalformedQuantityWithKubernetesRegularExpression() {
        assertThatThrownBy(() -> Quantity.parse("1.1.M"))
                .hasMessage("cannot parse '1.1.M': quantities must match the regular expression "
                        + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }

    @Test
    void reportsUnknownSuffixWithKubernetesMessage() {
        assertThatThrownBy(() -> Quantity.parse("0.1mi"))
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
    void printsCanonicalFormLikeKubernetes(BigDecimal value, Quantity.Format format, String expected) {
        assertThat(Quantity.of(value, format)).hasToString(expected);
        if (value.signum() != 0) {
            assertThat(Quantity.of(value.negate(), format)).hasToString("-" + expected);
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
        assertThat(Quantity.parse(input)).hasToString(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+1", "01", "1.", "1.500", "1E3", "1e+3", "+1Ki", "100m"})
    void keepsAnInputTheApiServerWouldReuseVerbatim(String input) {
        assertThat(Quantity.parse(input)).hasToString(input);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+", "-", "-0", "000", ".", "-."})
    void parsesSignOrZerosAloneAsZeroLikeKubernetes(String input) {
        assertThat(Quantity.parse(input)).isEqualTo(Quantity.ZERO).hasToString("0");
    }

    @Test
    void comparesEqualByValueWhateverTheFormat() {
        assertThat(Quantity.parse("1Ki")).isEqualTo(Quantity.parse("1024"))
                .hasSameHashCodeAs(Quantity.parse("1.024k"));
        assertThat(Quantity.parse("0.5")).isEqualTo(Quantity.parse("500m"));
        assertThat(Quantity.parse("1e3")).isEqualTo(Quantity.parse("1k"));
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({"0, 0, 0", "100m, 50m, 1", "50m, 100m, -1", "10000T, 100Gi, 1"})
    void ordersByValueLikeKubernetesCmp(String x, String y, int expected) {
        assertThat(Integer.signum(Quantity.parse(x).compareTo(Quantity.parse(y)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"500m, 500, 1", "1, 1000, 1", "0.5, 500, 1", "1n, 1, 1", "1.5, 1500, 2", "128Mi, 134217728000, 134217728",
            "1G, 1000000000000, 1000000000", "2.0001, 2001, 3", "0, 0, 0", "-1.5, -1500, -2"})
    void roundsMilliValueAndValueAwayFromZero(String input, long milli, long value) {
        Quantity q = Quantity.parse(input);

        assertThat(q.milliValue()).isEqualTo(milli);
        assertThat(q.value()).isEqualTo(value);
    }

    @Test
    void saturatesValueInsteadOfOverflowing() {
        assertThat(Quantity.parse("1e999999999").value()).isEqualTo(Long.MAX_VALUE);
        assertThat(Quantity.parse("9Ei").milliValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(Quantity.parse("-20E").value()).isEqualTo(Long.MIN_VALUE);
        assertThat(Quantity.parse("9Ei").value()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void handlesExtremeExponentsWithoutExpandingThem() {
        assertThat(Quantity.parse("1e999999999")).hasToString("1e999999999");
        assertThat(Quantity.parse("1e-999999999")).hasToString("1e-9");
        assertThat(Quantity.parse("1e-999999999").milliValue()).isEqualTo(1);
    }

    @Test
    void buildsQuantitiesLikeKubernetesConstructors() {
        assertThat(Quantity.of(1000, DECIMAL_SI)).hasToString("1k");
        assertThat(Quantity.of(1024, BINARY_SI)).hasToString("1Ki");
        assertThat(Quantity.of(1024 * 1024, BINARY_SI)).hasToString("1Mi");
        assertThat(Quantity.ofMillis(1, DECIMAL_SI)).hasToString("1m");
        assertThat(Quantity.ofMillis(1234000, DECIMAL_SI)).hasToString("1234");
        assertThat(Quantity.ofMillis(1024, BINARY_SI)).hasToString("1024m");
        assertThat(Quantity.ofMillis(1000000, DECIMAL_EXPONENT)).hasToString("1e3");
    }

    record Resources(Map<String, Quantity> limits) {
    }

    @Test
    void readsJsonStringsAndNumbersByTheirText() throws Exception {
        Resources r = new ObjectMapper().readValue(
                "{\"limits\":{\"cpu\":0.5,\"memory\":\"128Mi\",\"a\":1e3,\"b\":\" 1 \",\"c\":1000}}", Resources.class);

        assertThat(r.limits()).extractingByKeys("cpu", "memory", "a", "b", "c").map(String::valueOf)
                .containsExactly("500m", "128Mi", "1e3", "1", "1k");
    }

    @Test
    void readsYamlScalarsByTheirText() throws Exception {
        Resources r = new YAMLMapper().readValue("limits:\n  cpu: 0.5\n  memory: 1e3\n  x: 2\n", Resources.class);

        assertThat(r.limits()).extractingByKeys("cpu", "memory", "x").map(String::valueOf)
                .containsExactly("500m", "1e3", "2");
    }

    @Test
    void readsNumbersReplayedFromATreeByTheirPlainValue() throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(
                com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        com.fasterxml.jackson.databind.JsonNode tree = mapper.readTree(
                "{\"limits\":{\"a\":1e3,\"b\":0.5,\"c\":1.0,\"d\":1e400,\"e\":128974848,\"f\":\"1e3\"}}");

        Resources r = mapper.treeToValue(tree, Resources.class);

        assertThat(r.limits()).extractingByKeys("a", "b", "c", "d", "e", "f").map(String::valueOf)
                .containsExactly("1k", "500m", "1", "10e399", "128974848", "1e3"); // exponents are multiples of 3
    }

    @Test
    void reportsBadQuantityInManifestWithKubernetesWords() {
        String pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: c\n"
                + "    image: x:1\n    resources:\n      limits:\n        cpu: 1.1.M\n";

        assertThatThrownBy(() -> io.pod4j.api.yaml.Manifests.load(pod))
                .isInstanceOf(io.pod4j.api.error.ManifestException.class)
                .hasMessageContaining("11:")
                .hasMessageContaining("cannot parse '1.1.M': quantities must match the regular expression")
                .hasMessageContaining("spec.containers[0].resources.limits.cpu");
    }

    @Test
    void writesCanonicalString() throws Exception {
        String json = new ObjectMapper().writeValueAsString(new Resources(Map.of("cpu", Quantity.parse("0.5"))));

        assertThat(json).isEqualTo("{\"limits\":{\"cpu\":\"500m\"}}");
    }

    @Test
    void rejectsMalformedJsonValueWithKubernetesMessage() {
        assertThatThrownBy(() -> new ObjectMapper().readValue("{\"limits\":{\"cpu\":\"1.1.M\"}}", Resources.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageStartingWith("cannot parse '1.1.M': quantities must match the regular expression");
    }

    @Test
    void rejectsBooleanAsQuantity() {
        assertThatThrownBy(() -> new ObjectMapper().readValue("{\"limits\":{\"cpu\":true}}", Resources.class))
                .isInstanceOf(com.fasterxml.jackson.databind.exc.MismatchedInputException.class);
    }
}
