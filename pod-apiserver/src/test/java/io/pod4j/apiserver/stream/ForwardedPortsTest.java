package io.pod4j.apiserver.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardedPortsTest {

    private static Map<String, List<String>> query(String q) {
        return new QueryStringDecoder("/x?" + q).parameters();
    }

    @Test
    void portsAreRepeatedOrCommaSeparated() {
        assertThat(ForwardedPorts.parse(query("ports=8080&ports=9090,7070"))).containsExactly(8080, 9090, 7070);
    }

    @Test
    void aPortForwardWithoutPortsIsRefused() {
        assertThatThrownBy(() -> ForwardedPorts.parse(query(""))).hasMessage("query parameter \"port\" is required");
        assertThatThrownBy(() -> ForwardedPorts.parse(query("ports=http"))).hasMessageContaining("unable to parse");
        assertThatThrownBy(() -> ForwardedPorts.parse(query("ports=0"))).hasMessageContaining("must be > 0");
    }
}
