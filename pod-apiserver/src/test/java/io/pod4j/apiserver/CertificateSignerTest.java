package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class CertificateSignerTest {

    private static final X500Principal CA_NAME = new X500Principal("CN=pod4j-ca");
    private static final X500Principal SERVER_NAME = new X500Principal("CN=pod4j-apiserver");

    private final KeyPair caKeys = keys();
    private final KeyPair serverKeys = keys();

    @Test
    void makesASelfSignedCaThatMaySignCertificates() throws Exception {
        X509Certificate ca = ca();

        ca.verify(caKeys.getPublic());
        assertThat(ca.getVersion()).isEqualTo(3);
        assertThat(ca.getSubjectX500Principal()).isEqualTo(CA_NAME);
        assertThat(ca.getIssuerX500Principal()).isEqualTo(CA_NAME);
        assertThat(ca.getBasicConstraints()).isZero();
        assertThat(ca.getKeyUsage()).startsWith(true, false, false, false, false, true, true);
        assertThat(ca.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.19", "2.5.29.15");
        assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void makesAServingCertificateThatThePkixRulesAcceptForServerAuthUnderTheCa() throws Exception {
        X509Certificate ca = ca();
        X509Certificate serving = serving(ca);

        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(serving)), params);
        assertThat(serving.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(serving.getBasicConstraints()).isEqualTo(-1);
        assertThat(serving.getKeyUsage()[0]).isTrue();
        assertThat(Arrays.copyOfRange(serving.getKeyUsage(), 1, serving.getKeyUsage().length)).containsOnly(false);
        assertThat(serving.getPublicKey()).isEqualTo(serverKeys.getPublic());
    }

    @Test
    void namesTheLoopbackAddressesAndLocalhost() throws Exception {
        X509Certificate serving = serving(ca());

        assertThat(serving.getSubjectAlternativeNames()).extracting(n -> n.get(0) + "=" + n.get(1))
                .containsExactly("7=127.0.0.1", "7=0:0:0:0:0:0:0:1", "2=localhost");
    }

    @Test
    void linksTheServingCertificateToTheCaByKeyIdentifier() throws Exception {
        X509Certificate ca = ca();
        X509Certificate serving = serving(ca);

        byte[] caKeyId = ca.getExtensionValue("2.5.29.14");
        byte[] authorityKeyId = serving.getExtensionValue("2.5.29.35");
        // SKI: OCTET STRING { OCTET STRING id }; AKI: OCTET STRING { SEQUENCE { [0] id } }: the same 20 bytes at the end
        assertThat(Arrays.copyOfRange(authorityKeyId, authorityKeyId.length - 20, authorityKeyId.length))
                .isEqualTo(Arrays.copyOfRange(caKeyId, caKeyId.length - 20, caKeyId.length));
    }

    @Test
    void isValidFromJustBeforeNowForTheLifetimeGiven() throws Exception {
        Instant before = Instant.now();
        X509Certificate serving = serving(ca());

        assertThat(serving.getNotBefore().toInstant()).isBefore(before);
        assertThat(serving.getNotAfter().toInstant()).isBetween(before.plus(Duration.ofDays(30)).minusSeconds(1),
                Instant.now().plus(Duration.ofDays(30)));
    }

    @Test
    void writesALifetimePast2049AsGeneralizedTime() throws Exception {
        X509Certificate ca = CertificateSigner.sign(CA_NAME, CA_NAME, caKeys.getPublic(), caKeys.getPrivate(), null, true,
                Duration.ofDays(365L * 40));

        assertThat(ca.getNotAfter().toInstant()).isAfter(Instant.parse("2050-01-01T00:00:00Z"));
    }

    @Test
    void givesEachCertificateAPositiveSerialOfItsOwn() throws Exception {
        X509Certificate ca = ca();
        BigInteger first = serving(ca).getSerialNumber();
        BigInteger second = serving(ca).getSerialNumber();

        assertThat(first.signum()).isPositive();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aCertificateSignedByAnotherKeyFailsToVerifyAgainstTheCa() throws Exception {
        X509Certificate ca = ca();
        KeyPair other = keys();
        X509Certificate forged = CertificateSigner.sign(CA_NAME, SERVER_NAME, serverKeys.getPublic(), other.getPrivate(),
                ca, false, Duration.ofDays(30));

        assertThatThrownBy(() -> forged.verify(ca.getPublicKey())).isInstanceOf(GeneralSecurityException.class);
    }

    private X509Certificate ca() throws GeneralSecurityException {
        return CertificateSigner.sign(CA_NAME, CA_NAME, caKeys.getPublic(), caKeys.getPrivate(), null, true,
                Duration.ofDays(3650));
    }

    private X509Certificate serving(X509Certificate ca) throws GeneralSecurityException {
        return CertificateSigner.sign(CA_NAME, SERVER_NAME, serverKeys.getPublic(), caKeys.getPrivate(), ca, false,
                Duration.ofDays(30));
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
