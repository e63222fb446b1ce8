package io.pod4j.apiserver;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes X.509 certificates with Bouncy Castle (the JDK has no public API for it). Its own class so
 * that a start that finds its certificates never loads Bouncy Castle: the first class loaded from
 * its signed jar costs the jar's signature check, seconds on a busy machine.
 */
final class CertificateSigner {

    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateSigner() {
    }

    /**
     * @param isCa a CA certificate (key cert sign) or a serving one (server auth, SANs 127.0.0.1, ::1, localhost)
     * @param issuerCert the issuer's certificate, null for a self-signed CA
     */
    static X509Certificate sign(X500Principal issuer, X500Principal subject, PublicKey key,
            PrivateKey issuerKey, X509Certificate issuerCert, boolean isCa, Duration lifetime)
            throws GeneralSecurityException {
        try {
            return build(issuer, subject, key, issuerKey, issuerCert, isCa, lifetime);
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the certificate of " + subject + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate build(X500Principal issuer, X500Principal subject, PublicKey key,
            PrivateKey issuerKey, X509Certificate issuerCert, boolean isCa, Duration lifetime)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(lifetime)), subject, key);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
        if (isCa) {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign
                    | KeyUsage.digitalSignature));
        } else {
            b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerCert));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1"),
                new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

}
