package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {

    @Test
    void namesTheServerTheCaAndTheTokenInOneCurrentContext() {
        String yaml = Kubeconfig.render("https://127.0.0.1:4321", "-----BEGIN CERTIFICATE-----\nX\n", "tok");
        assertThat(yaml).contains("server: https://127.0.0.1:4321", "token: tok", "current-context: pod4j",
                "certificate-authority-data: " + Base64.getEncoder()
                        .encodeToString("-----BEGIN CERTIFICATE-----\nX\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void isWrittenForItsOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("apiserver").resolve("kubeconfig");
        Secrets.write(file, "token: x\n");
        assertThat(Files.readString(file)).isEqualTo("token: x\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theCaIsMadeOnceAndKeptWhileTheServingCertificateIsForLocalhost(@TempDir Path dir) throws Exception {
        Certificates first = Certificates.loadOrCreate(dir);
        Certificates again = Certificates.loadOrCreate(dir);
        assertThat(again.ca()).isEqualTo(first.ca());
        assertThat(again.serving()).isEqualTo(first.serving());
        first.serving().verify(first.ca().getPublicKey());
        assertThat(first.serving().getSubjectAlternativeNames()).extracting(l -> l.get(1).toString())
                .contains("127.0.0.1", "localhost");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca.key"))))
                .isEqualTo("rw-------");
    }
}
