package io.pod4j.apiserver;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
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
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * The server's TLS identity: a certificate authority made on first use and kept in the state
 * directory (so a kubeconfig written earlier stays valid), and a serving certificate it signs for
 * {@code 127.0.0.1}, {@code ::1} and {@code localhost}. EC P-256 keys: made in milliseconds, and
 * accepted by Go's, Java's and OpenSSL's TLS.
 *
 * @param ca the CA certificate clients trust (the kubeconfig's {@code certificate-authority-data})
 * @param serving the server's certificate, signed by the CA
 * @param servingKey its private key
 */
record Certificates(X509Certificate ca, X509Certificate serving, PrivateKey servingKey) {

    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final Duration SERVING_LIFETIME = Duration.ofDays(365);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Loads the CA and the serving certificate from {@code dir}, making whichever is missing or
     * about to expire (the files are written with mode 0600).
     *
     * @param dir e.g. {@code ~/.pod4j/apiserver}
     * @return the certificates
     */
    static Certificates loadOrCreate(Path dir) {
        try {
            Files.createDirectories(dir);
            Path caCrt = dir.resolve("ca.crt");
            Path caKey = dir.resolve("ca.key");
            Path crt = dir.resolve("apiserver.crt");
            Path key = dir.resolve("apiserver.key");
            X509Certificate ca;
            PrivateKey caPrivate;
            boolean newCa = !Files.exists(caCrt) || !Files.exists(caKey) || expiresSoon(readCertificate(caCrt));
            if (newCa) {
                KeyPair pair = newKeyPair();
                ca = sign(new X500Principal("CN=pod4j-ca"), new X500Principal("CN=pod4j-ca"), pair.getPublic(),
                        pair.getPrivate(), null, true, CA_LIFETIME);
                caPrivate = pair.getPrivate();
                Secrets.write(caKey, pem(new JcaPKCS8Generator(caPrivate, null)));
                Secrets.write(caCrt, pem(ca));
            } else {
                ca = readCertificate(caCrt);
                caPrivate = readKey(caKey);
            }
            if (!newCa && Files.exists(crt) && Files.exists(key)) {
                X509Certificate serving = readCertificate(crt);
                if (!expiresSoon(serving) && signedBy(serving, ca)) {
                    return new Certificates(ca, serving, readKey(key));
                }
            }
            KeyPair pair = newKeyPair();
            X509Certificate serving = sign(ca.getSubjectX500Principal(), new X500Principal("CN=pod4j-apiserver"),
                    pair.getPublic(), caPrivate, ca, false, SERVING_LIFETIME);
            Secrets.write(key, pem(new JcaPKCS8Generator(pair.getPrivate(), null)));
            Secrets.write(crt, pem(serving));
            return new Certificates(ca, serving, pair.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the API server's certificates in " + dir + ": " + e.getMessage()
                    + "; check that the directory is writable, or remove it to start afresh", e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the API server's certificates: " + e.getMessage(), e);
        }
    }

    /** @return the CA certificate in PEM, as a kubeconfig embeds it */
    String caPem() {
        try {
            return pem(ca);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Principal issuer, X500Principal subject, java.security.PublicKey key,
            PrivateKey issuerKey, X509Certificate issuerCert, boolean isCa, Duration lifetime)
            throws GeneralSecurityException, OperatorCreationException, IOException {
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

    private static boolean expiresSoon(X509Certificate cert) {
        return cert.getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofDays(7)));
    }

    private static boolean signedBy(X509Certificate cert, X509Certificate ca) {
        try {
            cert.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            if (!(o instanceof X509CertificateHolder holder)) {
                throw new IOException(file + " holds no PEM certificate");
            }
            return new JcaX509CertificateConverter().getCertificate(holder);
        }
    }

    private static PrivateKey readKey(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException(file + " holds no PEM private key");
        }
    }

    private static String pem(JcaPKCS8Generator key) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(key.generate());
        }
        return out.toString();
    }

    private static String pem(X509Certificate object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(object);
        }
        return out.toString();
    }
}
