package io.pod4j.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.store.ResourceTypes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatchFieldsTest {

    private final List<String> warnings = new ArrayList<>();

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(text);
    }

    @Test
    void aPatchOfKnownFieldsPassesAsIs() throws Exception {
        ObjectNode patch = json("{\"metadata\":{\"labels\":{\"a\":\"b\"}},\"data\":{\"k\":null}}");
        assertThat(PatchFields.clean(ResourceTypes.CONFIG_MAPS, patch, "Strict", warnings::add)).isEqualTo(patch);
    }

    @Test
    void strictRefusesAnUnknownField() {
        assertThatThrownBy(() -> PatchFields.clean(ResourceTypes.CONFIG_MAPS, json("{\"datta\":{\"k\":\"v\"}}"), "Strict",
                warnings::add)).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().getMessage())
                        .isEqualTo("error strict decoding patch: unknown field \"datta\""));
    }

    @Test
    void warnWarnsAndLeavesTheFieldOut() throws Exception {
        ObjectNode cleaned = PatchFields.clean(ResourceTypes.PODS,
                json("{\"spec\":{\"containers\":[{\"name\":\"app\",\"imagee\":\"x\"}]}}"), null, warnings::add);
        assertThat(cleaned.toString()).isEqualTo("{\"spec\":{\"containers\":[{\"name\":\"app\"}]}}");
        assertThat(warnings).containsExactly("unknown field \"spec.containers[0].imagee\"");
    }

    @Test
    void strategicMergeDirectivesAreNotFields() throws Exception {
        ObjectNode patch = json("{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"app\"}],"
                + "\"containers\":[{\"name\":\"old\",\"$patch\":\"delete\"}]}}");
        assertThat(PatchFields.clean(ResourceTypes.PODS, patch, "Strict", warnings::add)).isEqualTo(patch);
    }
}
