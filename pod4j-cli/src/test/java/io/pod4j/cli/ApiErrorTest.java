package io.pod4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiErrorTest {

    @Test
    void printsServerAndClientErrorsAsKubectl() {
        assertThat(new ApiError("NotFound", "pods \"x\" not found").kubectlText())
                .isEqualTo("Error from server (NotFound): pods \"x\" not found");
        assertThat(new ApiError(null, "boom").kubectlText()).isEqualTo("error: boom");
    }

    @Test
    void printsAnInvalidObjectFromItsCausesWithoutTheServerPrefix() {
        assertThat(ApiError.invalid("Pod", "web", List.of("metadata.labels: Invalid value: \"a b\": bad")).kubectlText())
                .isEqualTo("The Pod \"web\" is invalid: metadata.labels: Invalid value: \"a b\": bad");
        assertThat(ApiError.invalid("Pod", "web", List.of("spec: one", "spec: two", "spec: one")).kubectlText())
                .isEqualTo("The Pod \"web\" is invalid: \n* spec: one\n* spec: two");
    }
}
