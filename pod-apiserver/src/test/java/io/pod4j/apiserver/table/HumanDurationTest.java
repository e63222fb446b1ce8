package io.pod4j.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

    @ParameterizedTest(name = "{0} ms is {1}")
    @CsvSource({
            "-3000, <invalid>", "-1500, 0s", "0, 0s", "45000, 45s", "119000, 119s", "150000, 2m30s", "180000, 3m",
            "600000, 10m", "10740000, 179m", "11100000, 3h5m", "10800000, 3h", "28800000, 8h", "183600000, 2d3h",
            "172800000, 2d", "3888000000, 45d", "94608000000, 3y", "95472000000, 3y10d", "315360000000, 10y"})
    void formatsAsTheApiServersPrinters(long millis, String expected) {
        assertThat(HumanDuration.format(Duration.ofMillis(millis))).isEqualTo(expected);
    }
}
