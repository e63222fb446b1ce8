package io.pod4j.apiserver;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.security.auth.x500.X500Principal;

/**
 * Makes the API server's X.509 v3 certificates (a CA, and a serving certificate it signs), EC
 * P-256 keys signed with ECDSA-SHA256. The JDK can sign but has no public API to build a
 * certificate, so the DER is written here ({@link Der}) and read back by the JDK's
 * {@link CertificateFactory}, which checks it; no third-party library (Bouncy Castle's signed jar
 * cost seconds to load on a busy machine).
 */
final class CertificateSigner {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] ECDSA_WITH_SHA256 = Der.sequence(Der.oid("1.2.840.10045.4.3.2"));
    private static final String SUBJECT_KEY_ID = "2.5.29.14";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String AUTHORITY_KEY_ID = "2.5.29.35";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    private CertificateSigner() {
    }

    /**
     * @param issuer the issuer's name (the subject's own for a self-signed CA)
     * @param subject the certificate's name
     * @param key the subject's public key (EC)
     * @param issuerKey the key that signs (EC)
     * @param issuerCert the issuer's certificate, null for a self-signed CA
     * @param isCa a CA certificate (key cert sign) or a serving one (server auth, SANs 127.0.0.1, ::1, localhost)
     * @param lifetime how long from now it is valid (it is valid from five minutes ago, for clocks a little behind)
     * @return the certificate, as the JDK reads it
     * @throws GeneralSecurityException when signing fails or the JDK refuses what was written
     */
    static X509Certificate sign(X500Principal issuer, X500Principal subject, PublicKey key,
            PrivateKey issuerKey, X509Certificate issuerCert, boolean isCa, Duration lifetime)
            throws GeneralSecurityException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)),
                Der.integer(new BigInteger(127, RANDOM).setBit(126)),
                ECDSA_WITH_SHA256,
                issuer.getEncoded(),
                Der.sequence(Der.time(now.minus(Duration.ofMinutes(5))), Der.time(now.plus(lifetime))),
                subject.getEncoded(),
                key.getEncoded(),
                Der.explicit(3, Der.sequence(isCa ? caExtensions(key) : servingExtensions(key, issuerCert))));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(issuerKey);
        signer.update(tbs);
        byte[] der = Der.sequence(tbs, ECDSA_WITH_SHA256, Der.bitString(signer.sign(), 0));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static byte[][] caExtensions(PublicKey key) throws GeneralSecurityException {
        return new byte[][] {
            extension(SUBJECT_KEY_ID, false, Der.octetString(keyId(key))),
            extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true), Der.integer(BigInteger.ZERO))),
            // digitalSignature (bit 0), keyCertSign (5), cRLSign (6): 1000 0110, the last bit unused
            extension(KEY_USAGE, true, Der.bitString(new byte[] {(byte) 0x86}, 1))};
    }

    private static byte[][] servingExtensions(PublicKey key, X509Certificate issuerCert) throws GeneralSecurityException {
        return new byte[][] {
            extension(SUBJECT_KEY_ID, false, Der.octetString(keyId(key))),
            extension(AUTHORITY_KEY_ID, false, Der.sequence(Der.implicit(0, keyId(issuerCert.getPublicKey())))),
            extension(BASIC_CONSTRAINTS, true, Der.sequence()),
            // digitalSignature (bit 0) alone: 1000 0000, seven bits unused
            extension(KEY_USAGE, true, Der.bitString(new byte[] {(byte) 0x80}, 7)),
            extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH))),
            extension(SUBJECT_ALT_NAME, false, Der.sequence(
                    Der.implicit(7, address("127.0.0.1")),
                    Der.implicit(7, address("::1")),
                    Der.implicit(2, "localhost".getBytes(StandardCharsets.US_ASCII))))};
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** RFC 5280's method 1: the SHA-1 of the key's bits. */
    private static byte[] keyId(PublicKey key) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-1").digest(Der.publicKeyBits(key.getEncoded()));
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an IP literal: " + literal, e);
        }
    }
}
