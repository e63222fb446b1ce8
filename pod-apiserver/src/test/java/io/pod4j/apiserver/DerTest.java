package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DerTest {

    private static String hex(byte[] der) {
        return HexFormat.of().formatHex(der);
    }

    @Test
    void encodesAnObjectIdentifierInBase128AfterTheFirstTwoArcs() {
        assertThat(hex(Der.oid("2.5.29.17"))).isEqualTo("0603551d11");
        assertThat(hex(Der.oid("1.2.840.10045.4.3.2"))).isEqualTo("06082a8648ce3d040302");
    }

    @Test
    void writesLengthsOf128AndMoreInLongForm() {
        assertThat(hex(Der.octetString(new byte[127])).substring(0, 4)).isEqualTo("047f");
        assertThat(hex(Der.octetString(new byte[128])).substring(0, 6)).isEqualTo("048180");
        assertThat(hex(Der.octetString(new byte[300])).substring(0, 8)).isEqualTo("0482012c");
    }

    @Test
    void keepsAPositiveIntegerPositiveWithALeadingZero() {
        assertThat(hex(Der.integer(BigInteger.valueOf(128)))).isEqualTo("02020080");
        assertThat(hex(Der.integer(BigInteger.TWO))).isEqualTo("020102");
    }

    @Test
    void writesUtcTimeBefore2050AndGeneralizedTimeFrom2050() {
        assertThat(new String(Der.time(Instant.parse("2036-12-03T15:30:00Z")), 2, 13)).isEqualTo("361203153000Z");
        assertThat(Der.time(Instant.parse("2036-12-03T15:30:00Z"))[0]).isEqualTo((byte) 0x17);
        assertThat(new String(Der.time(Instant.parse("2066-12-03T15:30:00Z")), 2, 15)).isEqualTo("20661203153000Z");
        assertThat(Der.time(Instant.parse("2066-12-03T15:30:00Z"))[0]).isEqualTo((byte) 0x18);
    }

    @Test
    void readsTheKeyBitsOfASubjectPublicKeyInfo() {
        byte[] spki = Der.sequence(Der.sequence(Der.oid("1.2.840.10045.2.1")), Der.bitString(new byte[] {4, 1, 2, 3}, 0));

        assertThat(Der.publicKeyBits(spki)).containsExactly(4, 1, 2, 3);
    }

    @Test
    void refusesToReadKeyBitsFromSomethingElse() {
        assertThatThrownBy(() -> Der.publicKeyBits(Der.octetString(new byte[] {1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a SubjectPublicKeyInfo");
    }
}
