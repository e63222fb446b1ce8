package io.pod4j.api.build;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A builder of fabric8 {@link Pod}s that nests like the YAML it stands for:
 * <pre>{@code
 * Pod web = Pods.named("web")
 *     .label("app", "web")
 *     .container("nginx", c -> c.image("nginx:1.27").port(80).readinessProbe(Probes.httpGet("/", 80)))
 *     .build();
 * }</pre>
 *
 * <p>{@link Builder#build()} gives the Pod exactly as written: it neither fills in defaults nor
 * validates. Admission (the API server's defaults and validation, {@code PodDefaults} and
 * {@code PodValidator}) is a separate step, run by whoever stores or runs the Pod.
 */
public final class Pods {

    private Pods() {
    }

    /**
     * @param name the Pod's {@code metadata.name}
     * @return a builder of a Pod with that name
     */
    public static Builder named(String name) {
        Builder b = new Builder();
        b.pod.getMetadata().setName(Objects.requireNonNull(name, "name"));
        return b;
    }

    /**
     * @param generateName the prefix of the name the API server generates ({@code metadata.generateName})
     * @return a builder of a Pod without a name
     */
    public static Builder generated(String generateName) {
        Builder b = new Builder();
        b.pod.getMetadata().setGenerateName(Objects.requireNonNull(generateName, "generateName"));
        return b;
    }

    /** Builds one Pod; every setter returns the builder. */
    public static final class Builder {
        private final Pod pod = new Pod("v1", "Pod", new ObjectMeta(), new PodSpec(), null);

        private Builder() {
        }

        private PodSpec spec() {
            return pod.getSpec();
        }

        /** Sets {@code metadata.namespace}. @param namespace the namespace @return this builder */
        public Builder namespace(String namespace) {
            pod.getMetadata().setNamespace(namespace);
            return this;
        }

        /** Adds one label to {@code metadata.labels}. @param key the key @param value the value @return this builder */
        public Builder label(String key, String value) {
            if (pod.getMetadata().getLabels() == null) {
                pod.getMetadata().setLabels(new LinkedHashMap<>());
            }
            pod.getMetadata().getLabels().put(key, value);
            return this;
        }

        /** Adds one annotation. @param key the key @param value the value @return this builder */
        public Builder annotation(String key, String value) {
            if (pod.getMetadata().getAnnotations() == null) {
                pod.getMetadata().setAnnotations(new LinkedHashMap<>());
            }
            pod.getMetadata().getAnnotations().put(key, value);
            return this;
        }

        /**
         * Adds an app container to {@code spec.containers}.
         *
         * @param name the container's name
         * @param container fills in the rest of the container
         * @return this builder
         */
        public Builder container(String name, Consumer<Containers.Builder> container) {
            list(spec().getContainers(), spec()::setContainers).add(Containers.build(name, container));
            return this;
        }

        /**
         * Adds a container built elsewhere (such as with fabric8's {@code ContainerBuilder}).
         *
         * @param container the container; copied
         * @return this builder
         */
        public Builder container(Container container) {
            list(spec().getContainers(), spec()::setContainers).add(Copies.of(container));
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
        public Builder initContainer(String name, Consumer<Containers.Builder> container) {
            list(spec().getInitContainers(), spec()::setInitContainers).add(Containers.build(name, container));
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
        public Builder sidecar(String name, Consumer<Containers.Builder> container) {
            return initContainer(name, c -> container.accept(c.restartPolicy("Always")));
        }

        /** Adds a volume to {@code spec.volumes} (see {@link Volumes}). @param volume the volume; copied @return this builder */
        public Builder volume(Volume volume) {
            list(spec().getVolumes(), spec()::setVolumes).add(Copies.of(volume));
            return this;
        }

        /** Sets {@code spec.restartPolicy} (Always, OnFailure, Never). @param policy the policy @return this builder */
        public Builder restartPolicy(String policy) {
            spec().setRestartPolicy(policy);
            return this;
        }

        /** Adds a {@code spec.nodeSelector} entry. @param key the node label @param value its value @return this builder */
        public Builder nodeSelector(String key, String value) {
            if (spec().getNodeSelector() == null) {
                spec().setNodeSelector(new LinkedHashMap<>());
            }
            spec().getNodeSelector().put(key, value);
            return this;
        }

        /** Sets {@code spec.hostNetwork}. @param hostNetwork whether the Pod uses the host's network @return this builder */
        public Builder hostNetwork(boolean hostNetwork) {
            spec().setHostNetwork(hostNetwork);
            return this;
        }

        /** Sets {@code spec.terminationGracePeriodSeconds}. @param seconds the grace period @return this builder */
        public Builder terminationGracePeriodSeconds(long seconds) {
            spec().setTerminationGracePeriodSeconds(seconds);
            return this;
        }

        /** Sets {@code spec.securityContext}. @param securityContext the context; copied @return this builder */
        public Builder securityContext(PodSecurityContext securityContext) {
            spec().setSecurityContext(Copies.of(securityContext));
            return this;
        }

        /**
         * For any other field of the spec: {@code .spec(s -> s.setPriorityClassName("high"))}.
         *
         * @param edit changes the spec being built in place
         * @return this builder
         */
        public Builder spec(Consumer<PodSpec> edit) {
            edit.accept(spec());
            return this;
        }

        /**
         * For any other field of the metadata: {@code .metadata(m -> m.setFinalizers(...))}.
         *
         * @param edit changes the metadata being built in place
         * @return this builder
         */
        public Builder metadata(Consumer<ObjectMeta> edit) {
            edit.accept(pod.getMetadata());
            return this;
        }

        /** @return a new Pod as written: no defaults filled in, not validated; the builder can go on */
        public Pod build() {
            return Copies.of(pod);
        }
    }

    static <T> java.util.List<T> list(java.util.List<T> current, Consumer<java.util.List<T>> set) {
        if (current != null) {
            return current;
        }
        java.util.List<T> fresh = new ArrayList<>();
        set.accept(fresh);
        return fresh;
    }
}
