package io.pod4j.engine.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyManagementException;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class DeferredTlsTest {

    @Test
    void isTheJdkDefaultContextOnceUsed() throws Exception {
        SSLContext deferred = DeferredTls.CONFIG.getSSLContext();
        assertSame(SSLContext.getDefault().getClientSessionContext(), deferred.getClientSessionContext());
        assertArrayEquals(SSLContext.getDefault().getSocketFactory().getDefaultCipherSuites(),
                deferred.getSocketFactory().getDefaultCipherSuites());
    }

    @Test
    void refusesToBeInitializedAgain() throws Exception {
        SSLContext deferred = DeferredTls.CONFIG.getSSLContext();
        assertThrows(KeyManagementException.class, () -> deferred.init(null, null, null));
    }
}
