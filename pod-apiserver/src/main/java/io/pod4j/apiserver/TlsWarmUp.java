package io.pod4j.apiserver;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TLS handshake of the server's context with a client in memory, made while the engine starts
 * ({@code ApiServer.start(PodEngine.builder(), ...)}): the first real client's handshake then finds
 * the JDK's TLS code and its elliptic-curve arithmetic loaded, instead of loading them on the
 * critical path of the first answer. It only warms: a failure is logged and ignored.
 */
final class TlsWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(TlsWarmUp.class);
    /** A TLS 1.3 handshake takes 3-4 exchanges; this bounds a handshake that would never end. */
    private static final int MAX_STEPS = 32;

    private TlsWarmUp() {
    }

    /**
     * @param server the server's context
     * @param serving the server's certificate: the only one the in-memory client accepts
     * @return whether the handshake completed
     */
    static boolean handshake(SSLContext server, X509Certificate serving) {
        try {
            SSLContext clientContext = SSLContext.getInstance("TLS");
            clientContext.init(null, new TrustManager[] {new Pinned(serving)}, null);
            SSLEngine client = clientContext.createSSLEngine("127.0.0.1", 443);
            client.setUseClientMode(true);
            SSLEngine srv = server.createSSLEngine();
            srv.setUseClientMode(false);
            int packet = Math.max(client.getSession().getPacketBufferSize(), srv.getSession().getPacketBufferSize());
            int app = Math.max(client.getSession().getApplicationBufferSize(), srv.getSession().getApplicationBufferSize());
            ByteBuffer toServer = ByteBuffer.allocate(4 * packet);
            ByteBuffer toClient = ByteBuffer.allocate(4 * packet);
            ByteBuffer clientApp = ByteBuffer.allocate(app);
            ByteBuffer serverApp = ByteBuffer.allocate(app);
            ByteBuffer nothing = ByteBuffer.allocate(0);
            client.beginHandshake();
            srv.beginHandshake();
            for (int step = 0; step < MAX_STEPS && !(done(client) && done(srv)); step++) {
                client.wrap(nothing, toServer);
                runTasks(client);
                srv.wrap(nothing, toClient);
                runTasks(srv);
                toServer.flip();
                toClient.flip();
                client.unwrap(toClient, clientApp);
                runTasks(client);
                srv.unwrap(toServer, serverApp);
                runTasks(srv);
                toServer.compact();
                toClient.compact();
            }
            return done(client) && done(srv);
        } catch (java.security.GeneralSecurityException | SSLException | RuntimeException e) {
            LOG.debug("the TLS warm-up failed (the first client pays for it instead): {}", e.toString());
            return false;
        }
    }

    private static boolean done(SSLEngine e) {
        HandshakeStatus s = e.getHandshakeStatus();
        return s == HandshakeStatus.NOT_HANDSHAKING || s == HandshakeStatus.FINISHED;
    }

    private static void runTasks(SSLEngine e) {
        for (Runnable task = e.getDelegatedTask(); task != null; task = e.getDelegatedTask()) {
            task.run();
        }
    }

    /** The in-memory client's trust: the server's own certificate, nothing else. */
    private static final class Pinned extends X509ExtendedTrustManager {

        private final X509Certificate serving;

        Pinned(X509Certificate serving) {
            this.serving = serving;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain.length == 0 || !chain[0].equals(serving)) {
                throw new CertificateException("not the API server's certificate");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client's trust only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a client's trust only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a client's trust only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
