package io.pod4j.api.model;

import io.pod4j.api.validation.PodDefaults;
import io.pod4j.api.validation.PodValidator;
import java.util.function.Consumer;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The top-level Pod object: what runs, and (when read back from an engine) how it is doing.
 *
 * <p>Fields are named as in Kubernetes' {@code Pod}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param apiVersion Kubernetes field {@code apiVersion}
 * @param kind Kubernetes field {@code kind}
 * @param metadata Kubernetes field {@code metadata}
 * @param spec Kubernetes field {@code spec}
 * @param status Kubernetes field {@code status}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public record Pod(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        PodSpec spec,
        PodStatus status) implements KubeObject {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public Pod {
        apiVersion = apiVersion == null ? "v1" : apiVersion;
        kind = kind == null ? "Pod" : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
    }

    /**
     * Starts a Pod named {@code name}; the builder nests like the YAML it stands for:
     * <pre>{@code
     * Pod web = Pod.named("web")
     *     .label("app", "web")
     *     .container("nginx", c -> c.image("nginx:1.27").port(80).readinessProbe(Probe.httpGet("/", 80)))
     *     .build();
     * }</pre>
     *
     * @param name the Pod's {@code metadata.name}
     * @return a builder
     */
    public static Builder named(String name) {
        return builder().metadata(ObjectMeta.builder().name(name).build());
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param status the new status
     * @return this Pod with another status; no defaulting or validation (the spec is unchanged)
     */
    public Pod withStatus(PodStatus status) {
        return new Pod(apiVersion, kind, metadata, spec, status);
    }

    /**
     * @param metadata the new metadata
     * @return this Pod with other metadata; no defaulting or validation
     */
    public Pod withMetadata(ObjectMeta metadata) {
        return new Pod(apiVersion, kind, metadata, spec, status);
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.apiVersion = apiVersion;
        b.kind = kind;
        b.metadata = metadata;
        b.spec = spec;
        b.status = status;
        return b;
    }

    /** Builds a {@link Pod}; every setter returns the builder. */
    public static final class Builder {
        private String apiVersion;
        private String kind;
        private ObjectMeta metadata;
        private PodSpec spec;
        private PodStatus status;

        private Builder() {
        }

        /** Sets {@code apiVersion}. @param apiVersion the value, or null for none @return this builder */
        public Builder apiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        /** Sets {@code kind}. @param kind the value, or null for none @return this builder */
        public Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        /** Sets {@code metadata}. @param metadata the value, or null for none @return this builder */
        public Builder metadata(ObjectMeta metadata) {
            this.metadata = metadata;
            return this;
        }

        /** Sets {@code spec}. @param spec the value, or null for none @return this builder */
        public Builder spec(PodSpec spec) {
            this.spec = spec;
            return this;
        }

        /** Sets {@code status}. @param status the value, or null for none @return this builder */
        public Builder status(PodStatus status) {
            this.status = status;
            return this;
        }

        private ObjectMeta.Builder meta() {
            return metadata == null ? ObjectMeta.builder() : metadata.toBuilder();
        }

        private PodSpec.Builder specBuilder() {
            return spec == null ? PodSpec.builder() : spec.toBuilder();
        }

        /** Sets {@code metadata.namespace}. @param namespace the namespace @return this builder */
        public Builder namespace(String namespace) {
            this.metadata = meta().namespace(namespace).build();
            return this;
        }

        /** Adds one label to {@code metadata.labels}. @param key the key @param value the value @return this builder */
        public Builder label(String key, String value) {
            this.metadata = meta().putLabels(key, value).build();
            return this;
        }

        /** Adds one annotation. @param key the key @param value the value @return this builder */
        public Builder annotation(String key, String value) {
            this.metadata = meta().putAnnotations(key, value).build();
            return this;
        }

        /**
         * Adds an app container to {@code spec.containers}.
         *
         * @param name the container's name
         * @param container fills in the rest of the container
         * @return this builder
         */
        public Builder container(String name, Consumer<Container.Builder> container) {
            Container.Builder c = Container.builder().name(name);
            container.accept(c);
            this.spec = specBuilder().addContainers(c.build()).build();
            return this;
        }

        /**
         * Adds an init container to {@code spec.initContainers}; init containers run in order, each to
         * completion, before the app containers start.
         *
         * @param name the container's name
         * @param container fills in the rest of the container
         * @return this builder
         */
        public Builder initContainer(String name, Consumer<Container.Builder> container) {
            Container.Builder c = Container.builder().name(name);
            container.accept(c);
            this.spec = specBuilder().addInitContainers(c.build()).build();
            return this;
        }

        /**
         * Adds a sidecar: an init container with {@code restartPolicy: Always}, started before the app
         * containers and kept running beside them.
         *
         * @param name the container's name
         * @param container fills in the rest of the container
         * @return this builder
         */
        public Builder sidecar(String name, Consumer<Container.Builder> container) {
            return initContainer(name, c -> container.accept(c.restartPolicy("Always")));
        }

        /** Adds a volume to {@code spec.volumes}. @param volume the volume @return this builder */
        public Builder volume(Volume volume) {
            this.spec = specBuilder().addVolumes(volume).build();
            return this;
        }

        /** Sets {@code spec.restartPolicy} (Always, OnFailure, Never). @param policy the policy @return this builder */
        public Builder restartPolicy(String policy) {
            this.spec = specBuilder().restartPolicy(policy).build();
            return this;
        }

        /** Adds a {@code spec.nodeSelector} entry. @param key the node label @param value its value @return this builder */
        public Builder nodeSelector(String key, String value) {
            this.spec = specBuilder().putNodeSelector(key, value).build();
            return this;
        }

        /**
         * Fills in the API server's defaults and validates the Pod, as the API server does on create.
         *
         * @return the Pod
         * @throws io.pod4j.api.error.ManifestValidationException listing every violation
         */
        public Pod build() {
            Pod pod = PodDefaults.apply(new Pod(apiVersion, kind, metadata, spec, status));
            PodValidator.check(pod);
            return pod;
        }
    }
}
