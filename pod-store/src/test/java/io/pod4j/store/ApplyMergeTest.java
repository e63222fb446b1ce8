package io.pod4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How an applied configuration merges into a Pod, item by item, as structured-merge-diff merges it. */
class ApplyMergeTest {

    private static final FieldType POD = ApplySchema.of(ResourceTypes.PODS);

    private static JsonNode json(String text) {
        return Json.parse(text.replace('\'', '"'));
    }

    @Test
    void containersMergeByNameAndANewOneComesAfterTheLiveOnesItFollows() {
        JsonNode live = json("{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'x'},{'name':'c','image':'x'}]}}");
        JsonNode config = json("{'spec':{'containers':[{'name':'b','image':'y'},{'name':'d','image':'y'}]}}");

        JsonNode merged = ApplyMerge.merge(live, config, POD);

        assertThat(merged).isEqualTo(json("{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','image':'y'},"
                + "{'name':'c','image':'x'},{'name':'d','image':'y'}]}}"));
    }

    @Test
    void theConfigurationsOrderWinsForItemsBothHave() {
        JsonNode live = json("{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}");
        JsonNode config = json("{'spec':{'containers':[{'name':'b'},{'name':'a'}]}}");

        assertThat(ApplyMerge.merge(live, config, POD)).isEqualTo(config);
    }

    @Test
    void portsAreKeyedByPortAndProtocolWithTcpWhenOmitted() {
        JsonNode live = json("{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'protocol':'TCP'},"
                + "{'containerPort':80,'protocol':'UDP'}]}]}}");
        JsonNode config = json("{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80,'name':'http'}]}]}}");

        JsonNode merged = ApplyMerge.merge(live, config, POD);

        assertThat(merged.at("/spec/containers/0/ports")).isEqualTo(json(
                "[{'containerPort':80,'protocol':'TCP','name':'http'},{'containerPort':80,'protocol':'UDP'}]"));
    }

    @Test
    void anAtomicListIsReplacedAndASetIsUnited() {
        JsonNode live = json("{'metadata':{'finalizers':['a','b']},'spec':{'containers':[{'name':'a','args':['1','2']}]}}");
        JsonNode config = json("{'metadata':{'finalizers':['c']},'spec':{'containers':[{'name':'a','args':['3']}]}}");

        JsonNode merged = ApplyMerge.merge(live, config, POD);

        assertThat(merged.at("/metadata/finalizers")).isEqualTo(json("['a','b','c']"));
        assertThat(merged.at("/spec/containers/0/args")).isEqualTo(json("['3']"));
    }

    @Test
    void removingTheLastLabelRemovesTheEmptyMapButAnEmptiedStructStays() {
        ObjectNode pod = (ObjectNode) json("{'metadata':{'labels':{'a':'1'}},'spec':{'securityContext':{'runAsUser':1}}}");

        ApplyMerge.remove(pod, List.of("f:metadata", "f:labels", "f:a"), POD);
        ApplyMerge.remove(pod, List.of("f:spec", "f:securityContext", "f:runAsUser"), POD);

        assertThat(pod).isEqualTo(json("{'metadata':{},'spec':{'securityContext':{}}}"));
    }
}
