package io.pod4j.apiserver.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamOptionsTest {

    private static Map<String, List<String>> query(String q) {
        return new QueryStringDecoder("/x?" + q).parameters();
    }

    @Test
    void readsKubectlsExecQuery() {
        StreamOptions o = StreamOptions.of(query("command=sh&command=-c&command=exit+3&container=main&stdin=true&stdout=true&stderr=true"));
        assertThat(o.command()).containsExactly("sh", "-c", "exit 3");
        assertThat(o.container()).isEqualTo("main");
        assertThat(o).extracting(StreamOptions::stdin, StreamOptions::stdout, StreamOptions::stderr, StreamOptions::tty)
                .containsExactly(true, true, true, false);
    }

    @Test
    void stdoutAndStderrDefaultToTrueAndStdinToFalse() {
        StreamOptions o = StreamOptions.of(query("command=ls"));
        assertThat(o).extracting(StreamOptions::stdin, StreamOptions::stdout, StreamOptions::stderr).containsExactly(false, true, true);
        assertThat(o.container()).isNull();
    }

    @Test
    void aTerminalHasNoSeparateStderr() {
        assertThat(StreamOptions.of(query("command=sh&tty=1&stderr=1")).stderr()).isFalse();
    }

    @Test
    void aFlagThatIsNoBooleanIsRefused() {
        assertThatThrownBy(() -> StreamOptions.of(query("command=ls&stdin=maybe"))).hasMessageContaining("stdin")
                .hasMessageContaining("invalid syntax");
    }
}
