package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Extra /etc/hosts entries for one IP.
 *
 * <p>Fields are named as in Kubernetes' {@code HostAlias}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param ip Kubernetes field {@code ip}
 * @param hostnames Kubernetes field {@code hostnames}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"ip", "hostnames"})
public record HostAlias(
        String ip,
        List<String> hostnames) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public HostAlias {
        hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.ip = ip;
        b.hostnames = new ArrayList<>(hostnames);
        return b;
    }

    /** Builds a {@link HostAlias}; every setter returns the builder. */
    public static final class Builder {
        private String ip;
        private List<String> hostnames = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@code ip}. @param ip the value, or null for none @return this builder */
        public Builder ip(String ip) {
            this.ip = ip;
            return this;
        }

        /** Sets {@code hostnames}, replacing what was set. @param hostnames the new list @return this builder */
        public Builder hostnames(List<String> hostnames) {
            this.hostnames = new ArrayList<>(hostnames);
            return this;
        }

        /** Appends to {@code hostnames}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addHostnames(String... values) {
            this.hostnames.addAll(List.of(values));
            return this;
        }

        /** @return the HostAlias */
        public HostAlias build() {
            return new HostAlias(ip, hostnames);
        }
    }
}
