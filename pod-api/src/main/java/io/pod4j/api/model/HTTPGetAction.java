package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP GET; a status from 200 to 399 is success.
 *
 * <p>Fields are named as in Kubernetes' {@code HTTPGetAction}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param path Kubernetes field {@code path}
 * @param port Kubernetes field {@code port}
 * @param host Kubernetes field {@code host}
 * @param scheme Kubernetes field {@code scheme}
 * @param httpHeaders Kubernetes field {@code httpHeaders}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"path", "port", "host", "scheme", "httpHeaders"})
public record HTTPGetAction(
        String path,
        IntOrString port,
        String host,
        String scheme,
        List<HTTPHeader> httpHeaders) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public HTTPGetAction {
        httpHeaders = httpHeaders == null ? List.of() : List.copyOf(httpHeaders);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.path = path;
        b.port = port;
        b.host = host;
        b.scheme = scheme;
        b.httpHeaders = new ArrayList<>(httpHeaders);
        return b;
    }

    /** Builds a {@link HTTPGetAction}; every setter returns the builder. */
    public static final class Builder {
        private String path;
        private IntOrString port;
        private String host;
        private String scheme;
        private List<HTTPHeader> httpHeaders = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@code path}. @param path the value, or null for none @return this builder */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /** Sets {@code port}. @param port the value, or null for none @return this builder */
        public Builder port(IntOrString port) {
            this.port = port;
            return this;
        }

        /** Sets {@code host}. @param host the value, or null for none @return this builder */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Sets {@code scheme}. @param scheme the value, or null for none @return this builder */
        public Builder scheme(String scheme) {
            this.scheme = scheme;
            return this;
        }

        /** Sets {@code httpHeaders}, replacing what was set. @param httpHeaders the new list @return this builder */
        public Builder httpHeaders(List<HTTPHeader> httpHeaders) {
            this.httpHeaders = new ArrayList<>(httpHeaders);
            return this;
        }

        /** Appends to {@code httpHeaders}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addHttpHeaders(HTTPHeader... values) {
            this.httpHeaders.addAll(List.of(values));
            return this;
        }

        /** @return the HTTPGetAction */
        public HTTPGetAction build() {
            return new HTTPGetAction(path, port, host, scheme, httpHeaders);
        }
    }
}
