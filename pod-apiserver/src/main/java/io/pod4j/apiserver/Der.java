package io.pod4j.apiserver;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The few DER (ASN.1 distinguished encoding) values an X.509 certificate is made of, written as
 * bytes: enough for {@link CertificateSigner}, and a reader for the one value it needs back (a
 * public key's bits). Pure functions; each returns a complete tag-length-value.
 */
final class Der {

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private Der() {
    }

    static byte[] sequence(byte[]... items) {
        return tlv(0x30, concat(items));
    }

    static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray());
    }

    static byte[] bool(boolean value) {
        return tlv(0x01, new byte[] {(byte) (value ? 0xff : 0x00)});
    }

    static byte[] octetString(byte[] value) {
        return tlv(0x04, value);
    }

    /** A BIT STRING whose last {@code unusedBits} bits are not part of the value (DER: they are zero). */
    static byte[] bitString(byte[] value, int unusedBits) {
        byte[] content = new byte[value.length + 1];
        content[0] = (byte) unusedBits;
        System.arraycopy(value, 0, content, 1, value.length);
        return tlv(0x03, content);
    }

    /** @param dotted e.g. {@code 2.5.29.17} */
    static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, Long.parseLong(parts[0]) * 40 + Long.parseLong(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            base128(out, Long.parseLong(parts[i]));
        }
        return tlv(0x06, out.toByteArray());
    }

    /** UTCTime for the years 1950 to 2049, GeneralizedTime after, as RFC 5280 requires; whole seconds. */
    static byte[] time(Instant instant) {
        int year = instant.atZone(ZoneOffset.UTC).getYear();
        if (year >= 1950 && year < 2050) {
            return tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
        }
        return tlv(0x18, GENERALIZED_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    /** A context-specific tag around a complete value: {@code [n] EXPLICIT}. */
    static byte[] explicit(int n, byte[] value) {
        return tlv(0xa0 | n, value);
    }

    /** A context-specific primitive tag replacing the value's own: {@code [n] IMPLICIT} of a primitive type. */
    static byte[] implicit(int n, byte[] content) {
        return tlv(0x80 | n, content);
    }

    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] item : items) {
            out.writeBytes(item);
        }
        return out.toByteArray();
    }

    /**
     * The key bits of a {@code SubjectPublicKeyInfo} (the JDK's {@code PublicKey.getEncoded()}):
     * the content of its BIT STRING without the unused-bits byte, what a key identifier hashes.
     *
     * @param spki {@code SEQUENCE { AlgorithmIdentifier, BIT STRING }}
     * @return the key's bits
     * @throws IllegalArgumentException when {@code spki} is not of that shape
     */
    static byte[] publicKeyBits(byte[] spki) {
        int[] outer = header(spki, 0, 0x30);
        int[] algorithm = header(spki, outer[0], 0x30);
        int[] bits = header(spki, algorithm[0] + algorithm[1], 0x03);
        if (bits[1] < 1 || bits[0] + bits[1] > spki.length) {
            throw new IllegalArgumentException("not a SubjectPublicKeyInfo: the key's BIT STRING is cut short");
        }
        byte[] key = new byte[bits[1] - 1];
        System.arraycopy(spki, bits[0] + 1, key, 0, key.length);
        return key;
    }

    /** @return {start of content, content length} of the value at {@code at}, which must have {@code tag} */
    private static int[] header(byte[] der, int at, int tag) {
        if (at + 2 > der.length || (der[at] & 0xff) != tag) {
            throw new IllegalArgumentException("not a SubjectPublicKeyInfo: expected tag 0x" + Integer.toHexString(tag)
                    + " at byte " + at);
        }
        int first = der[at + 1] & 0xff;
        if (first < 0x80) {
            return new int[] {at + 2, first};
        }
        int bytes = first & 0x7f;
        if (bytes > 3 || at + 2 + bytes > der.length) {
            throw new IllegalArgumentException("not a SubjectPublicKeyInfo: bad length at byte " + at);
        }
        int length = 0;
        for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xff);
        }
        return new int[] {at + 2 + bytes, length};
    }

    private static void base128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            int b = (int) ((value >>> (7 * i)) & 0x7f);
            out.write(i == 0 ? b : b | 0x80);
        }
    }
}
