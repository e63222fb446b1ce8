package io.pod4j.apiserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * The server's TLS identity: a certificate authority made on first use and kept in the state
 * directory (so a kubeconfig written earlier stays valid), and a serving certificate it signs for
 * {@code 127.0.0.1}, {@code ::1} and {@code localhost}. EC P-256 keys: made in milliseconds, and
 * accepted by Go's, Java's and OpenSSL's TLS. Built with the JDK alone ({@link CertificateSigner}).
 *
 * @param ca the CA certificate clients trust (the kubeconfig's {@code certificate-authority-data})
 * @param serving the server's certificate, signed by the CA
 * @param servingKey its private key
 */
record Certificates(X509Certificate ca, X509Certificate serving, PrivateKey servingKey) {

    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final Duration SERVING_LIFETIME = Duration.ofDays(365);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PEM_KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_KEY_END = "-----END PRIVATE KEY-----";

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
                ca = CertificateSigner.sign(new X500Principal("CN=pod4j-ca"), new X500Principal("CN=pod4j-ca"), pair.getPublic(),
                        pair.getPrivate(), null, true, CA_LIFETIME);
                caPrivate = pair.getPrivate();
                Secrets.write(caKey, pem(caPrivate));
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
            X509Certificate serving = CertificateSigner.sign(ca.getSubjectX500Principal(), new X500Principal("CN=pod4j-apiserver"),
                    pair.getPublic(), caPrivate, ca, false, SERVING_LIFETIME);
            Secrets.write(key, pem(pair.getPrivate()));
            Secrets.write(crt, pem(serving));
            return new Certificates(ca, serving, pair.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the API server's certificates in " + dir + ": " + e.getMessage()
                    + "; check that the directory is writable, or remove it to start afresh", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the API server's certificates: " + e.getMessage(), e);
        }
    }

    /**
     * The server's TLS context, from the JDK (Netty's SslContext instantiates Bouncy Castle's
     * provider when it finds it on the class path, seconds on a busy machine).
     *
     * @return the context, initialized with the serving certificate
     */
    SSLContext tls() throws GeneralSecurityException {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(new KeyManager[] {new ServingKeyManager(this)}, new TrustManager[] {new NoClientCertificates()}, null);
        return ssl;
    }

    /** @return the CA certificate in PEM, as a kubeconfig embeds it */
    String caPem() {
        try {
            return pem(ca);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the CA certificate", e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
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
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey readKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf(PEM_KEY_BEGIN);
        int end = pem.indexOf(PEM_KEY_END);
        if (begin < 0 || end < begin) {
            throw new IOException(file + " holds no PEM private key (PKCS#8)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + PEM_KEY_BEGIN.length(), end));
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static String pem(PrivateKey key) {
        return pem(PEM_KEY_BEGIN, key.getEncoded(), PEM_KEY_END);
    }

    private static String pem(X509Certificate cert) throws CertificateEncodingException {
        return pem("-----BEGIN CERTIFICATE-----", cert.getEncoded(), "-----END CERTIFICATE-----");
    }

    private static String pem(String begin, byte[] der, String end) {
        return begin + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n" + end + "\n";
    }
}
