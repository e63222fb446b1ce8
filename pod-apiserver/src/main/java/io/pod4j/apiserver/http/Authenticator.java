package io.pod4j.apiserver.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/** Checks a request's {@code Authorization: Bearer TOKEN} against the server's token, in constant time. */
public final class Authenticator {

    private final byte[] expected;

    public Authenticator(String token) {
        if (Objects.requireNonNull(token, "token").isEmpty()) {
            throw new IllegalArgumentException("the token must not be empty");
        }
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param authorization the request's Authorization header, or null
     * @return whether it carries the token
     */
    public boolean accepts(String authorization) {
        if (authorization == null) {
            return false;
        }
        return MessageDigest.isEqual(expected, authorization.trim().getBytes(StandardCharsets.UTF_8));
    }
}
