package io.pod4j.cli.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonPathTest {

    private static final JsonNode LIST = read("""
            {"apiVersion":"v1","kind":"List","metadata":{},"items":[
              {"metadata":{"name":"web","labels":{"tier":"front","app":"web"},
                           "annotations":{"kubernetes.io/config.hash":"abc"}},
               "spec":{"containers":[{"name":"httpd","image":"busybox:1","ports":[{"containerPort":8080}]},
                                     {"name":"side","image":"alpine:3"}]},
               "status":{"phase":"Running","podIP":"172.17.0.4",
                         "conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"False"}],
                         "containerStatuses":[{"name":"httpd","restartCount":3,"ready":true}]}},
              {"metadata":{"name":"db"},
               "spec":{"containers":[{"name":"pg","image":"postgres:16"}]},
               "status":{"phase":"Pending"}}]}
            """);

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String print(String template) {
        return JsonPath.parse(template).print(LIST);
    }

    @Test
    void printsOneFieldWithoutANewline() {
        assertThat(JsonPath.parse("{.status.podIP}").print(LIST.get("items").get(0))).isEqualTo("172.17.0.4");
    }

    @Test
    void joinsTheResultsOfOneActionWithSpaces() {
        assertThat(print("{.items[*].metadata.name}")).isEqualTo("web db");
    }

    @Test
    void keepsLiteralTextAndQuotedEscapes() {
        assertThat(print("names: {.items[0].metadata.name}{\"\\t\"}{.items[1].metadata.name}{'\\n'}"))
                .isEqualTo("names: web\tdb\n");
    }

    @Test
    void rangesOverItemsWithPathsRelativeToEachItem() {
        assertThat(print("{range .items[*]}{.metadata.name}={.status.phase}{\"\\n\"}{end}"))
                .isEqualTo("web=Running\ndb=Pending\n");
    }

    @Test
    void printsMapsAndListsAsCompactJsonWithSortedKeys() {
        assertThat(print("{.items[0].metadata.labels}")).isEqualTo("{\"app\":\"web\",\"tier\":\"front\"}");
        assertThat(print("{.items[0].spec.containers[0].ports}")).isEqualTo("[{\"containerPort\":8080}]");
    }

    @Test
    void filtersWithComparisonsAndExistence() {
        assertThat(print("{.items[0].status.conditions[?(@.type==\"Ready\")].status}")).isEqualTo("False");
        assertThat(print("{.items[*].status.containerStatuses[?(@.restartCount>2)].name}")).isEqualTo("httpd");
        assertThat(print("{.items[*].spec.containers[?(@.ports)].name}")).isEqualTo("httpd");
    }

    @Test
    void descendsRecursively() {
        assertThat(print("{..image}")).isEqualTo("busybox:1 alpine:3 postgres:16");
    }

    @Test
    void readsKeysWithEscapedDotsAndSplitsUnescapedOnesEvenInBracketsAsClientGoDoes() {
        assertThat(print("{.items[0].metadata.annotations.kubernetes\\.io/config\\.hash}")).isEqualTo("abc");
        assertThat(print("{.items[0].metadata.annotations['kubernetes\\.io/config\\.hash']}")).isEqualTo("abc");
        assertThat(print("{.items[0].metadata.annotations['kubernetes.io/config.hash']}")).isEmpty();
        assertThat(print("{.items[0]['metadata.name']}")).isEqualTo("web");
    }

    @Test
    void slicesAndCountsFromTheEnd() {
        assertThat(print("{.items[-1].metadata.name}")).isEqualTo("db");
        assertThat(print("{.items[0:1].metadata.name}")).isEqualTo("web");
        assertThat(print("{.items[0].spec.containers[0,1].name}")).isEqualTo("httpd side");
    }

    @Test
    void printsNothingForMissingKeysAsKubectlAllowsThemByDefault() {
        assertThat(print("{.items[1].status.podIP}")).isEmpty();
        assertThat(print("[{.nope.nothing}]")).isEqualTo("[]");
    }

    @Test
    void failsWithClientGoWordsOnAnIndexOutOfRange() {
        assertThatThrownBy(() -> print("{.items[5]}")).hasMessage("array index out of bounds: index 5, length 2");
    }

    @Test
    void refusesUnparsableTemplatesWithClientGoWords() {
        assertThatThrownBy(() -> JsonPath.parse("{.items[")).hasMessage("unterminated array");
        assertThatThrownBy(() -> JsonPath.parse("{.items")).hasMessage("unclosed action");
        assertThatThrownBy(() -> JsonPath.parse("{end}")).hasMessage("not in range, nothing to end");
        assertThatThrownBy(() -> JsonPath.parse("{foo}")).hasMessage("unrecognized identifier foo");
    }

    @Test
    void relaxesCustomColumnSpecsAsKubectlDoes() {
        JsonNode pod = LIST.get("items").get(0);
        for (String spec : new String[] {"metadata.name", ".metadata.name", "{metadata.name}", "{.metadata.name}"}) {
            assertThat(JsonPath.relaxed(spec).print(pod)).isEqualTo("web");
        }
    }

    @Test
    void formatsValuesForCustomColumnsAsGoPrintsThem() {
        JsonNode pod = LIST.get("items").get(0);
        assertThat(JsonPath.goValue(pod.at("/metadata/labels"))).isEqualTo("map[app:web tier:front]");
        assertThat(JsonPath.goValue(pod.at("/spec/containers/0/ports"))).isEqualTo("[map[containerPort:8080]]");
    }
}
