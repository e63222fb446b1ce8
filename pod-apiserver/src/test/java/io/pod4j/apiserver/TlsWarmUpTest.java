package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsWarmUpTest {

    @TempDir
    Path dir;

    @Test
    void completesAHandshakeWithTheServersOwnContextAndCertificate() throws Exception {
        Certificates certs = Certificates.loadOrCreate(dir);

        assertThat(TlsWarmUp.handshake(certs.tls(), certs.serving())).isTrue();
    }

    @Test
    void aClientPinnedToAnotherCertificateDoesNotCompleteIt() throws Exception {
        Certificates certs = Certificates.loadOrCreate(dir.resolve("one"));
        Certificates other = Certificates.loadOrCreate(dir.resolve("other"));
        SSLContext server = certs.tls();

        assertThat(TlsWarmUp.handshake(server, other.serving())).isFalse();
    }
}
