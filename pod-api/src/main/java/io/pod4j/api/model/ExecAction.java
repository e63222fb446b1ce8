package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A command run inside the container; exit status 0 is success.
 *
 * <p>Fields are named as in Kubernetes' {@code ExecAction}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param command Kubernetes field {@code command}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"command"})
public record ExecAction(
        List<String> command) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public ExecAction {
        command = command == null ? List.of() : List.copyOf(command);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.command = new ArrayList<>(command);
        return b;
    }

    /** Builds a {@link ExecAction}; every setter returns the builder. */
    public static final class Builder {
        private List<String> command = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@code command}, replacing what was set. @param command the new list @return this builder */
        public Builder command(List<String> command) {
            this.command = new ArrayList<>(command);
            return this;
        }

        /** Appends to {@code command}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addCommand(String... values) {
            this.command.addAll(List.of(values));
            return this;
        }

        /** @return the ExecAction */
        public ExecAction build() {
            return new ExecAction(command);
        }
    }
}
