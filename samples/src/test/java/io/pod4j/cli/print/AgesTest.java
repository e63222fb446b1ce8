package io.pod4j.cli.print;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgesTest {

    @ParameterizedTest(name = "{0}s is printed as {1}")
    @CsvSource({"0, 0s", "59, 59s", "119, 119s", "120, 2m", "125, 2m5s", "600, 10m", "10799, 179m", "10800, 3h",
            "11100, 3h5m", "28800, 8h", "172800, 2d", "176400, 2d1h", "691200, 8d", "63072000, 2y"})
    void printsDurationsLikeKubectl(long seconds, String expected) {
        assertThat(Ages.human(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }
}
