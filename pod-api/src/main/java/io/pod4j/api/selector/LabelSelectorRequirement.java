package io.pod4j.api.selector;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a label selector's {@code matchExpressions}, as Kubernetes'
 * {@code LabelSelectorRequirement}: {@code {key: tier, operator: In, values: [web, api]}}.
 *
 * @param key the label key the requirement applies to
 * @param operator how the label's value relates to {@code values}
 * @param values the values for {@code In}/{@code NotIn}; empty for {@code Exists}/{@code DoesNotExist}
 */
@JsonPropertyOrder({"key", "operator", "values"})
public record LabelSelectorRequirement(
        @JsonProperty("key") String key,
        @JsonProperty("operator") Operator operator,
        @JsonProperty("values") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> values) {

    /** The operators a {@code matchExpressions} entry may use, spelled as in manifests. */
    public enum Operator {
        /** The label is present and its value is one of {@code values}. */
        @JsonProperty("In") IN("In"),
        /** The label is absent or its value is none of {@code values}. */
        @JsonProperty("NotIn") NOT_IN("NotIn"),
        /** The label is present, whatever its value. */
        @JsonProperty("Exists") EXISTS("Exists"),
        /** The label is absent. */
        @JsonProperty("DoesNotExist") DOES_NOT_EXIST("DoesNotExist");

        private final String wireName;

        Operator(String wireName) {
            this.wireName = wireName;
        }

        /** @return the name as written in manifests, e.g. {@code NotIn} */
        @Override
        public String toString() {
            return wireName;
        }
    }

    /** Copies {@code values} into an immutable list; a missing list becomes empty. */
    public LabelSelectorRequirement {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /**
     * @param key the label key
     * @param values the accepted values
     * @return {@code key In (values)}
     */
    public static LabelSelectorRequirement in(String key, String... values) {
        return new LabelSelectorRequirement(key, Operator.IN, Arrays.asList(values));
    }

    /**
     * @param key the label key
     * @param values the rejected values
     * @return {@code key NotIn (values)}
     */
    public static LabelSelectorRequirement notIn(String key, String... values) {
        return new LabelSelectorRequirement(key, Operator.NOT_IN, Arrays.asList(values));
    }

    /**
     * @param key the label key
     * @return {@code key Exists}
     */
    public static LabelSelectorRequirement exists(String key) {
        return new LabelSelectorRequirement(key, Operator.EXISTS, List.of());
    }

    /**
     * @param key the label key
     * @return {@code key DoesNotExist}
     */
    public static LabelSelectorRequirement doesNotExist(String key) {
        return new LabelSelectorRequirement(key, Operator.DOES_NOT_EXIST, List.of());
    }

    /** @return a builder for a requirement */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this requirement's fields */
    public Builder toBuilder() {
        return new Builder().key(key).operator(operator).values(values);
    }

    /** Builds a {@link LabelSelectorRequirement}. */
    public static final class Builder {
        private String key;
        private Operator operator;
        private List<String> values = List.of();

        private Builder() {
        }

        /**
         * @param key the label key
         * @return this builder
         */
        public Builder key(String key) {
            this.key = key;
            return this;
        }

        /**
         * @param operator the operator
         * @return this builder
         */
        public Builder operator(Operator operator) {
            this.operator = operator;
            return this;
        }

        /**
         * @param values the values
         * @return this builder
         */
        public Builder values(List<String> values) {
            this.values = values;
            return this;
        }

        /**
         * @return the requirement
         * @throws NullPointerException naming {@code key} or {@code operator} when one is missing
         */
        public LabelSelectorRequirement build() {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(operator, "operator");
            return new LabelSelectorRequirement(key, operator, values);
        }
    }
}
