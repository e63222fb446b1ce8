package io.pod4j.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private final Authenticator auth = new Authenticator("s3cret");

    @Test
    void acceptsTheBearerToken() {
        assertThat(auth.accepts("Bearer s3cret")).isTrue();
    }

    @Test
    void refusesNoTokenAWrongOneAndOtherSchemes() {
        assertThat(auth.accepts(null)).isFalse();
        assertThat(auth.accepts("Bearer s3cre")).isFalse();
        assertThat(auth.accepts("Bearer s3cret2")).isFalse();
        assertThat(auth.accepts("Basic czNjcmV0")).isFalse();
        assertThat(auth.accepts("s3cret")).isFalse();
    }
}
