package io.pod4j.apiserver.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.apiserver.discovery.ServedResources;
import org.junit.jupiter.api.Test;

class EventsV1ConversionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventsV1Conversion conversion = new EventsV1Conversion(ServedResources.EVENTS_V1);

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void aCoreEventIsServedUnderTheEventsV1Names() throws Exception {
        ObjectNode core = json("{'apiVersion':'v1','kind':'Event','metadata':{'name':'e','namespace':'default'},"
                + "'involvedObject':{'kind':'Pod','name':'web'},'reason':'Started','message':'Started container app',"
                + "'source':{'component':'kubelet'},'firstTimestamp':'2026-12-03T08:00:00Z','lastTimestamp':'2026-12-03T08:00:01Z',"
                + "'count':2,'type':'Normal','eventTime':null,'reportingComponent':'kubelet','reportingInstance':'node-1',"
                + "'series':{'count':2,'lastObservedTime':'2026-12-03T08:00:01.000000Z'},'action':'Start'}");

        ObjectNode v1 = conversion.toServed(core);

        assertThat(v1).isEqualTo(json("{'kind':'Event','apiVersion':'events.k8s.io/v1','metadata':{'name':'e','namespace':'default'},"
                + "'regarding':{'kind':'Pod','name':'web'},'reason':'Started','note':'Started container app',"
                + "'deprecatedSource':{'component':'kubelet'},'deprecatedFirstTimestamp':'2026-12-03T08:00:00Z',"
                + "'deprecatedLastTimestamp':'2026-12-03T08:00:01Z','deprecatedCount':2,'type':'Normal','eventTime':null,"
                + "'reportingController':'kubelet','reportingInstance':'node-1',"
                + "'series':{'count':2,'lastObservedTime':'2026-12-03T08:00:01.000000Z'},'action':'Start'}"));
        assertThat(conversion.toStored(v1)).isEqualTo(core);
    }

    @Test
    void aPartialObjectConvertsToo() throws Exception {
        assertThat(conversion.toStored(json("{'note':null,'series':{'count':3}}")))
                .isEqualTo(json("{'message':null,'series':{'count':3}}"));
    }

    @Test
    void fieldSelectorsNameTheCoreFields() {
        assertThat(conversion.fieldSelector("regarding.name=web,reportingController!=kubelet,type=Normal"))
                .isEqualTo("involvedObject.name=web,reportingComponent!=kubelet,type=Normal");
        assertThat(conversion.fieldSelector(null)).isNull();
    }

    @Test
    void aNewStyleEventMustNameItsTimeReporterActionAndReason() throws Exception {
        assertThat(conversion.createErrors(json("{'metadata':{'name':'e'},'type':'Normal','note':'n'}"))).containsExactly(
                "eventTime: Required value", "reportingController: Required value", "reportingInstance: Required value",
                "action: Required value", "reason: Required value");
        assertThat(conversion.createErrors(json("{'eventTime':'2026-12-03T08:00:00.000000Z','type':'Normal',"
                + "'reportingController':'example.com/ctl','reportingInstance':'ctl-1','action':'Sync','reason':'Synced'}")))
                .isEmpty();
        assertThat(conversion.createErrors(json("{'eventTime':'2026-12-03T08:00:00.000000Z','type':'Info',"
                + "'reportingController':'c','reportingInstance':'i','action':'a','reason':'r','deprecatedCount':3}")))
                .containsExactly("type: Invalid value: \"\": has invalid value: Info",
                        "deprecatedCount: Invalid value: \"\": needs to be unset");
    }
}
