package io.pod4j.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    @Test
    void splitsRegistryRepositoryTagAndDigest() {
        ImageReference r = ImageReference.parse("registry.example.com:5000/team/app:1.2@sha256:"
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        assertThat(r.repository()).isEqualTo("registry.example.com:5000/team/app");
        assertThat(r.tag()).isEqualTo("1.2");
        assertThat(r.digest()).startsWith("sha256:");
    }

    @Test
    void pullsLatestWhenNoTagIsGiven() {
        assertThat(ImageReference.parse("busybox").pullTag()).isEqualTo("latest");
        assertThat(ImageReference.parse("pod4j-test/busybox:1").pullTag()).isEqualTo("1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Not/A:Valid:Ref", "UPPER/case", "with space", "a::b", "trailing-/x", ":tag", "x@sha256:short"})
    void rejectsMalformedReferences(String image) {
        assertThatThrownBy(() -> ImageReference.parse(image))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid reference format");
    }
}
