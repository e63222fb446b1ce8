package io.pod4j.apiserver;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Hands the JDK's TLS the serving certificate and its key directly. A PKCS#12 key store with a
 * {@code KeyManagerFactory} would do the same, but it encrypts the key on the way in and decrypts
 * it on the way out (PBKDF2, 10 000 rounds each): most of a cold start's TLS set-up.
 */
final class ServingKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "apiserver";

    private final X509Certificate[] chain;
    private final PrivateKey key;

    ServingKeyManager(Certificates certs) {
        this.chain = new X509Certificate[] {certs.serving(), certs.ca()};
        this.key = certs.servingKey();
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return alias(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return alias(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return alias(keyType) == null ? null : new String[] {ALIAS};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    /** The server has no client certificate. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    /** Only for the key's own algorithm: TLS asks once per kind of key its cipher suites allow. */
    private String alias(String keyType) {
        return keyType != null && keyType.startsWith(key.getAlgorithm()) ? ALIAS : null;
    }
}
