package io.pod4j.apiserver.protobuf;

/** A protobuf body that cannot be read: malformed, or holding a kind or field pod4j does not decode. */
public final class ProtobufException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProtobufException(String message) {
        super(message);
    }
}
