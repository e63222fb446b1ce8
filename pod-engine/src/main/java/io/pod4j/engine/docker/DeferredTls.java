package io.pod4j.engine.docker;

import com.github.dockerjava.transport.SSLConfig;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS set-up of a Docker client whose endpoint does not use TLS (a UNIX socket, a named pipe, plain
 * {@code tcp://}). Given no SSL configuration, the httpclient5 transport builds the JDK's default
 * {@link SSLContext} as the client is made, which loads the JSSE provider and parses the whole CA
 * trust store: about 0.3 s of wall time and 0.45 s of CPU in a cold JVM, on every test run, for a
 * context that a local socket never uses. This context becomes the JDK default only when something
 * actually opens a TLS connection through it.
 */
final class DeferredTls extends SSLContext {

    /** Configuration for {@code ApacheDockerHttpClient.Builder.sslConfig} when the endpoint has no TLS of its own. */
    static final SSLConfig CONFIG = DeferredTls::new;

    private DeferredTls() {
        super(new Spi(), null, "Default");
    }

    /** Every call goes to the JDK's default context, made on first use. */
    private static final class Spi extends SSLContextSpi {

        private static SSLContext real() {
            try {
                return SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JDK has no default TLS context: " + e.getMessage(), e);
            }
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException("the JDK's default TLS context is already initialized");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return real().getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return real().getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return real().createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return real().createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return real().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return real().getClientSessionContext();
        }
    }
}
