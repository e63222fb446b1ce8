package io.pod4j.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorTest {

    private static final String NAME_PART_ERROR = "name part must consist of alphanumeric characters, '-', '_' or '.',"
            + " and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
            + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private static final String VALUE_ERROR = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  "
            + "or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "x=a,y=b,z=c|x=a,y=b,z=c",
            "''|''",
            "'   '|''",
            "x!=a,y=b|x!=a,y=b",
            "!x|!x",
            "x>1|x>1",
            "x>1,z<5|x>1,z<5",
            "z<5,x>1|x>1,z<5",
            "x==a|x==a",
            "y,x|x,y",
            "' x = a , ! y '|x=a,!y",
            "'x\tin\t(b,a)'|x in (a,b)",
            "x in (b,a,b)|x in (a,b)",
            "x notin (c)|x notin (c)",
            "x in (in,notin)|x in (in,notin)",
            "in in (in)|in in (in)",
            "'x in (foo,,baz),y,z notin ()'|x in (,baz,foo),y,z notin ()",
            "x in (,a)|x in (,a)",
            "x in (a,)|x in (,a)",
            "x=|x=",
            "'x=,y'|x=,y",
            "app=web,tier in (db,api),!canary|app=web,!canary,tier in (api,db)",
            "example.com/app=web|example.com/app=web",
            "x=a,x!=b|x=a,x!=b"})
    void parsesAndPrintsCanonicalFormLikeKubernetes(String input, String canonical) {
        LabelSelector selector = LabelSelector.parse(input);

        assertThat(selector).hasToString(canonical);
        assertThat(LabelSelector.parse(canonical)).isEqualTo(selector);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
            "x==a==b|found '==', expected: ',' or 'end of string'",
            "!x=a|found '=', expected: ',' or 'end of string'",
            "',x'|found ',', expected: !, identifier, or 'end of string'",
            "'x,'|found '', expected: identifier after ','",
            "'x,,y'|found ',', expected: identifier after ','",
            "=a|found '=', expected: !, identifier, or 'end of string'",
            "x y|unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt",
            "x in|unable to parse requirement: found '' expected: '('",
            "x in (|unable to parse requirement: found '', expected: ',', ')' or identifier",
            "x in (a|unable to parse requirement: found '', expected: ',' or ')'",
            "x in (a b)|unable to parse requirement: found 'b', expected: ',' or ')'",
            "x in (a,=)|unable to parse requirement: found '=', expected: ',', or identifier",
            "x=(a)|unable to parse requirement: found '(', expected: identifier",
            "!|unable to parse requirement: found '', expected: identifier",
            "!=a|found '!=', expected: !, identifier, or 'end of string'",
            "x<a|unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"})
    void rejectsBadSyntaxWithKubernetesMessage(String input, String message) {
        assertThatThrownBy(() -> LabelSelector.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void validatesValueBeforeReadingFurther() {
        assertThatThrownBy(() -> LabelSelector.parse("x=a||y=b"))
                .hasMessage("unable to parse requirement: values[0][x]: Invalid value: \"a||y\": " + VALUE_ERROR);
    }

    @Test
    void rejectsInvalidKeyWithKubernetesMessage() {
        assertThatThrownBy(() -> LabelSelector.parse("-x=a"))
                .hasMessage("unable to parse requirement: <nil>: Invalid value: \"-x\": " + NAME_PART_ERROR);
    }

    @Test
    void rejectsInvalidKeyPrefix() {
        assertThatThrownBy(() -> LabelSelector.parse("Example.com/x"))
                .hasMessageStartingWith("unable to parse requirement: <nil>: Invalid value: \"Example.com/x\": "
                        + "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric");
    }

    @Test
    void rejectsTooLongKey() {
        String key = "k".repeat(64);
        assertThatThrownBy(() -> LabelSelector.parse(key))
                .hasMessage("unable to parse requirement: <nil>: Invalid value: \"" + key
                        + "\": name part must be no more than 63 characters");
    }

    @Test
    void rejectsInvalidValueWithKubernetesMessage() {
        assertThatThrownBy(() -> LabelSelector.parse("x=-a"))
                .hasMessage("unable to parse requirement: values[0][x]: Invalid value: \"-a\": " + VALUE_ERROR);
    }

    @Test
    void rejectsTooLongValue() {
        String value = "v".repeat(64);
        assertThatThrownBy(() -> LabelSelector.parse("x=" + value))
                .hasMessage("unable to parse requirement: values[0][x]: Invalid value: \"" + value
                        + "\": must be no more than 63 characters");
    }

    @ParameterizedTest(name = "[{0}] on {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "''||true", "''|x=y|true",
            "x=y|x=y|true", "x=y|x=z|false", "x=y||false", "x==y|x=y|true",
            "x!=y||true", "x!=y|x=z|true", "x!=y|x=y|false",
            "x in (y,z)|x=z|true", "x in (y,z)|x=a|false", "x in (y,z)||false",
            "x notin (y,z)||true", "x notin (y,z)|x=a|true", "x notin (y,z)|x=y|false",
            "x|x=|true", "x|y=a|false", "!x||true", "!x|x=|false",
            "x=|x=|true", "x=||false",
            "x>1|x=2|true", "x>1|x=1|false", "x>1|x=a|false", "x>1||false", "x<1|x=-5|true", "x<1|x=+0|true",
            "x=a,y=b|x=a;y=b|true", "x=a,y=b|x=a|false", "'x in (,a)'|x=|true"})
    void matchesLabelsLikeKubernetes(String selector, String labels, boolean expected) {
        assertThat(LabelSelector.parse(selector).matches(labels(labels))).isEqualTo(expected);
    }

    @Test
    void everythingMatchesAllAndPrintsEmpty() {
        assertThat(LabelSelector.everything().matches(Map.of("a", "b"))).isTrue();
        assertThat(LabelSelector.everything().matches((Map<String, String>) null)).isTrue();
        assertThat(LabelSelector.everything()).hasToString("").isEqualTo(LabelSelector.parse(""));
        assertThat(LabelSelector.everything().isEmpty()).isTrue();
    }

    private static io.fabric8.kubernetes.api.model.LabelSelector manifest(Map<String, String> labels,
            LabelSelectorRequirement... expressions) {
        return new io.fabric8.kubernetes.api.model.LabelSelector(List.of(expressions), labels);
    }

    private static LabelSelectorRequirement req(String key, String operator, String... values) {
        return new LabelSelectorRequirement(key, operator, List.of(values));
    }

    @Test
    void buildsFromMatchLabelsAndMatchExpressions() {
        LabelSelector selector = LabelSelector.of(manifest(Map.of("app", "web"),
                req("tier", "In", "db", "api"), req("env", "NotIn", "prod"), req("team", "Exists"),
                req("canary", "DoesNotExist")));

        assertThat(selector).hasToString("app=web,!canary,env notin (prod),team,tier in (api,db)");
        assertThat(selector.matches(Map.of("app", "web", "tier", "api", "team", "a"))).isTrue();
        assertThat(selector.matches(Map.of("app", "web", "tier", "api", "team", "a", "canary", "1"))).isFalse();
    }

    @Test
    void sortsRequirementsByKeyOnly() {
        // '!' sorts before letters only by key: Kubernetes orders "!canary" by "canary".
        assertThat(LabelSelector.parse("b,!a,c=1")).hasToString("!a,b,c=1");
    }

    @Test
    void emptyMatchLabelsAndExpressionsSelectEverything() {
        assertThat(LabelSelector.of(null)).isEqualTo(LabelSelector.everything());
        assertThat(LabelSelector.of(new io.fabric8.kubernetes.api.model.LabelSelector())).isEqualTo(LabelSelector.everything());
        assertThat(LabelSelector.ofLabels(Map.of())).isEqualTo(LabelSelector.everything());
    }

    @Test
    void rejectsInWithoutValues() {
        assertThatThrownBy(() -> LabelSelector.of(manifest(null, req("tier", "In"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty");
    }

    @Test
    void rejectsValuesForExists() {
        assertThatThrownBy(() -> LabelSelector.of(manifest(null, req("a", "Exists", "x"))))
                .hasMessage("values: Invalid value: []string{\"x\"}: values set must be empty for exists and does not exist");
    }

    @Test
    void rejectsAnOperatorKubernetesDoesNotHave() {
        assertThatThrownBy(() -> LabelSelector.of(manifest(null, req("a", "Equals", "x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"Equals\" is not a valid label selector operator");
    }

    @Test
    void rejectsInvalidMatchLabelsKey() {
        assertThatThrownBy(() -> LabelSelector.ofLabels(Map.of("a/b/c", "x")))
                .hasMessageStartingWith("key: Invalid value: \"a/b/c\": a qualified name must consist of");
    }

    @Test
    void convertsStringSyntaxToManifestForm() {
        LabelSelector selector = LabelSelector.parse("app=web,env!=prod,tier in (api),team,!canary");

        io.fabric8.kubernetes.api.model.LabelSelector manifest = selector.toLabelSelector();
        assertThat(manifest.getMatchLabels()).containsExactly(Map.entry("app", "web"));
        assertThat(manifest.getMatchExpressions()).containsExactly(
                req("canary", "DoesNotExist"), req("env", "NotIn", "prod"), req("team", "Exists"), req("tier", "In", "api"));
        assertThat(LabelSelector.of(manifest)).hasToString("app=web,!canary,env notin (prod),team,tier in (api)");
    }

    @Test
    void refusesManifestFormForGreaterThan() {
        assertThatThrownBy(() -> LabelSelector.parse("x>1").toLabelSelector())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("\"gt\" is not a valid label selector operator");
    }

    @Test
    void matchesAnObjectByItsLabels() {
        io.fabric8.kubernetes.api.model.Pod pod = new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("web").addToLabels("app", "web").endMetadata().build();

        assertThat(LabelSelector.parse("app=web").matches(pod)).isTrue();
        assertThat(LabelSelector.parse("app").matches(new io.fabric8.kubernetes.api.model.Pod())).isFalse();
    }

    private static Map<String, String> labels(String spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (spec == null || spec.isEmpty()) {
            return labels;
        }
        for (String pair : spec.split(";")) {
            int eq = pair.indexOf('=');
            labels.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return labels;
    }
}
