package io.pod4j.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackOffTest {

    private static final long S = 1_000_000_000L;

    @Test
    void firstRetryIsImmediateThenTheWaitDoublesUpToTheCap() {
        BackOff b = new BackOff(Duration.ofSeconds(10), Duration.ofSeconds(300));
        long t = 1000 * S;
        assertThat(b.until(t)).isEqualTo(Long.MIN_VALUE);
        b = b.next(t);
        assertThat(b.until(t)).isEqualTo(t + 10 * S);
        long[] expected = {20, 40, 80, 160, 300, 300};
        for (long e : expected) {
            t += 5 * S;
            b = b.next(t);
            assertThat(b.until(t)).isEqualTo(t + e * S);
        }
    }

    @Test
    void waitCountsFromTheFailureNotFromNow() {
        BackOff b = new BackOff(Duration.ofSeconds(10), Duration.ofSeconds(300));
        b = b.next(0);
        assertThat(b.until(100 * S)).isEqualTo(110 * S);
    }

    @Test
    void isAValueThatAStepLeavesAsItWas() {
        BackOff before = new BackOff(Duration.ofSeconds(10), Duration.ofSeconds(300));
        BackOff after = before.next(0);
        assertThat(before.current()).isEqualTo(Duration.ofSeconds(10));
        assertThat(before.until(0)).isEqualTo(Long.MIN_VALUE);
        assertThat(after.until(0)).isEqualTo(10 * S);
    }

    @Test
    void startsOverAfterRunningTwiceTheCapWithoutTrouble() {
        BackOff b = new BackOff(Duration.ofSeconds(10), Duration.ofSeconds(300));
        b = b.next(0).next(S);
        assertThat(b.current()).isEqualTo(Duration.ofSeconds(20));
        b = b.next(S + 601 * S);
        assertThat(b.current()).isEqualTo(Duration.ofSeconds(10));
    }
}
