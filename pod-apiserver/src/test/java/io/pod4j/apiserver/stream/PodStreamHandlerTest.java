package io.pod4j.apiserver.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks and choices made before an upgrade, as the API server makes them. */
class PodStreamHandlerTest {

    private static Pod pod(String... containers) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec().endSpec();
        for (String c : containers) {
            b.editSpec().addNewContainer().withName(c).withImage("busybox").endContainer().endSpec();
        }
        return b.build();
    }

    @Test
    void theOnlyContainerIsChosenWhenNoneIsNamed() {
        assertThat(PodStreamHandler.container(pod("main"), null).getName()).isEqualTo("main");
    }

    @Test
    void severalContainersNeedANameInTheApiServersWords() {
        assertThatThrownBy(() -> PodStreamHandler.container(pod("a", "b"), null))
                .hasMessage("a container name must be specified for pod web, choose one of: [a b]");
    }

    @Test
    void anUnknownContainerIsNotValid() {
        assertThatThrownBy(() -> PodStreamHandler.container(pod("main"), "nope")).hasMessage("container nope is not valid for pod web");
    }

    @Test
    void theFirstOfferedProtocolTheServerSpeaksIsChosen() {
        assertThat(PodStreamHandler.negotiate(List.of("v6.channel.k8s.io", "v4.channel.k8s.io", "v5.channel.k8s.io"),
                ChannelProtocol.names())).isEqualTo("v4.channel.k8s.io");
    }

    @Test
    void noCommonProtocolIsRefused() {
        assertThatThrownBy(() -> PodStreamHandler.negotiate(List.of("channel.k8s.io"), ChannelProtocol.names()))
                .hasMessageContaining("requested protocol(s) are not supported: [channel.k8s.io]");
    }

    @Test
    void offeredProtocolsMayBeRepeatedHeadersOrCommaSeparated() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/x");
        request.headers().add("X-Stream-Protocol-Version", "v4.channel.k8s.io").add("X-Stream-Protocol-Version", "v3.channel.k8s.io, v2.channel.k8s.io");
        assertThat(PodStreamHandler.offered(request, "X-Stream-Protocol-Version"))
                .containsExactly("v4.channel.k8s.io", "v3.channel.k8s.io", "v2.channel.k8s.io");
    }
}
