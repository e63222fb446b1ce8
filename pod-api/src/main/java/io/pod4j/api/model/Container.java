package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One container of a Pod (an app, init or sidecar container).
 *
 * <p>Fields are named as in Kubernetes' {@code Container}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param name Kubernetes field {@code name}
 * @param image Kubernetes field {@code image}
 * @param command Kubernetes field {@code command}
 * @param args Kubernetes field {@code args}
 * @param workingDir Kubernetes field {@code workingDir}
 * @param ports Kubernetes field {@code ports}
 * @param envFrom Kubernetes field {@code envFrom}
 * @param env Kubernetes field {@code env}
 * @param resources Kubernetes field {@code resources}
 * @param restartPolicy Kubernetes field {@code restartPolicy}
 * @param volumeMounts Kubernetes field {@code volumeMounts}
 * @param livenessProbe Kubernetes field {@code livenessProbe}
 * @param readinessProbe Kubernetes field {@code readinessProbe}
 * @param startupProbe Kubernetes field {@code startupProbe}
 * @param lifecycle Kubernetes field {@code lifecycle}
 * @param terminationMessagePath Kubernetes field {@code terminationMessagePath}
 * @param terminationMessagePolicy Kubernetes field {@code terminationMessagePolicy}
 * @param imagePullPolicy Kubernetes field {@code imagePullPolicy}
 * @param securityContext Kubernetes field {@code securityContext}
 * @param stdin Kubernetes field {@code stdin}
 * @param stdinOnce Kubernetes field {@code stdinOnce}
 * @param tty Kubernetes field {@code tty}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources", "restartPolicy", "volumeMounts", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty"})
public record Container(
        String name,
        String image,
        List<String> command,
        List<String> args,
        String workingDir,
        List<ContainerPort> ports,
        List<EnvFromSource> envFrom,
        List<EnvVar> env,
        ResourceRequirements resources,
        String restartPolicy,
        List<VolumeMount> volumeMounts,
        Probe livenessProbe,
        Probe readinessProbe,
        Probe startupProbe,
        Lifecycle lifecycle,
        String terminationMessagePath,
        String terminationMessagePolicy,
        String imagePullPolicy,
        SecurityContext securityContext,
        Boolean stdin,
        Boolean stdinOnce,
        Boolean tty) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public Container {
        command = command == null ? List.of() : List.copyOf(command);
        args = args == null ? List.of() : List.copyOf(args);
        ports = ports == null ? List.of() : List.copyOf(ports);
        envFrom = envFrom == null ? List.of() : List.copyOf(envFrom);
        env = env == null ? List.of() : List.copyOf(env);
        volumeMounts = volumeMounts == null ? List.of() : List.copyOf(volumeMounts);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.image = image;
        b.command = new ArrayList<>(command);
        b.args = new ArrayList<>(args);
        b.workingDir = workingDir;
        b.ports = new ArrayList<>(ports);
        b.envFrom = new ArrayList<>(envFrom);
        b.env = new ArrayList<>(env);
        b.resources = resources;
        b.restartPolicy = restartPolicy;
        b.volumeMounts = new ArrayList<>(volumeMounts);
        b.livenessProbe = livenessProbe;
        b.readinessProbe = readinessProbe;
        b.startupProbe = startupProbe;
        b.lifecycle = lifecycle;
        b.terminationMessagePath = terminationMessagePath;
        b.terminationMessagePolicy = terminationMessagePolicy;
        b.imagePullPolicy = imagePullPolicy;
        b.securityContext = securityContext;
        b.stdin = stdin;
        b.stdinOnce = stdinOnce;
        b.tty = tty;
        return b;
    }

    /** Builds a {@link Container}; every setter returns the builder. */
    public static final class Builder {
        private String name;
        private String image;
        private List<String> command = new ArrayList<>();
        private List<String> args = new ArrayList<>();
        private String workingDir;
        private List<ContainerPort> ports = new ArrayList<>();
        private List<EnvFromSource> envFrom = new ArrayList<>();
        private List<EnvVar> env = new ArrayList<>();
        private ResourceRequirements resources;
        private String restartPolicy;
        private List<VolumeMount> volumeMounts = new ArrayList<>();
        private Probe livenessProbe;
        private Probe readinessProbe;
        private Probe startupProbe;
        private Lifecycle lifecycle;
        private String terminationMessagePath;
        private String terminationMessagePolicy;
        private String imagePullPolicy;
        private SecurityContext securityContext;
        private Boolean stdin;
        private Boolean stdinOnce;
        private Boolean tty;

        private Builder() {
        }

        /** Sets {@code name}. @param name the value, or null for none @return this builder */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code image}. @param image the value, or null for none @return this builder */
        public Builder image(String image) {
            this.image = image;
            return this;
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

        /** Sets {@code args}, replacing what was set. @param args the new list @return this builder */
        public Builder args(List<String> args) {
            this.args = new ArrayList<>(args);
            return this;
        }

        /** Appends to {@code args}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addArgs(String... values) {
            this.args.addAll(List.of(values));
            return this;
        }

        /** Sets {@code workingDir}. @param workingDir the value, or null for none @return this builder */
        public Builder workingDir(String workingDir) {
            this.workingDir = workingDir;
            return this;
        }

        /** Sets {@code ports}, replacing what was set. @param ports the new list @return this builder */
        public Builder ports(List<ContainerPort> ports) {
            this.ports = new ArrayList<>(ports);
            return this;
        }

        /** Appends to {@code ports}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addPorts(ContainerPort... values) {
            this.ports.addAll(List.of(values));
            return this;
        }

        /** Sets {@code envFrom}, replacing what was set. @param envFrom the new list @return this builder */
        public Builder envFrom(List<EnvFromSource> envFrom) {
            this.envFrom = new ArrayList<>(envFrom);
            return this;
        }

        /** Appends to {@code envFrom}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addEnvFrom(EnvFromSource... values) {
            this.envFrom.addAll(List.of(values));
            return this;
        }

        /** Sets {@code env}, replacing what was set. @param env the new list @return this builder */
        public Builder env(List<EnvVar> env) {
            this.env = new ArrayList<>(env);
            return this;
        }

        /** Appends to {@code env}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addEnv(EnvVar... values) {
            this.env.addAll(List.of(values));
            return this;
        }

        /** Sets {@code resources}. @param resources the value, or null for none @return this builder */
        public Builder resources(ResourceRequirements resources) {
            this.resources = resources;
            return this;
        }

        /** Sets {@code restartPolicy}. @param restartPolicy the value, or null for none @return this builder */
        public Builder restartPolicy(String restartPolicy) {
            this.restartPolicy = restartPolicy;
            return this;
        }

        /** Sets {@code volumeMounts}, replacing what was set. @param volumeMounts the new list @return this builder */
        public Builder volumeMounts(List<VolumeMount> volumeMounts) {
            this.volumeMounts = new ArrayList<>(volumeMounts);
            return this;
        }

        /** Appends to {@code volumeMounts}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addVolumeMounts(VolumeMount... values) {
            this.volumeMounts.addAll(List.of(values));
            return this;
        }

        /** Sets {@code livenessProbe}. @param livenessProbe the value, or null for none @return this builder */
        public Builder livenessProbe(Probe livenessProbe) {
            this.livenessProbe = livenessProbe;
            return this;
        }

        /** Sets {@code readinessProbe}. @param readinessProbe the value, or null for none @return this builder */
        public Builder readinessProbe(Probe readinessProbe) {
            this.readinessProbe = readinessProbe;
            return this;
        }

        /** Sets {@code startupProbe}. @param startupProbe the value, or null for none @return this builder */
        public Builder startupProbe(Probe startupProbe) {
            this.startupProbe = startupProbe;
            return this;
        }

        /** Sets {@code lifecycle}. @param lifecycle the value, or null for none @return this builder */
        public Builder lifecycle(Lifecycle lifecycle) {
            this.lifecycle = lifecycle;
            return this;
        }

        /** Sets {@code terminationMessagePath}. @param terminationMessagePath the value, or null for none @return this builder */
        public Builder terminationMessagePath(String terminationMessagePath) {
            this.terminationMessagePath = terminationMessagePath;
            return this;
        }

        /** Sets {@code terminationMessagePolicy}. @param terminationMessagePolicy the value, or null for none @return this builder */
        public Builder terminationMessagePolicy(String terminationMessagePolicy) {
            this.terminationMessagePolicy = terminationMessagePolicy;
            return this;
        }

        /** Sets {@code imagePullPolicy}. @param imagePullPolicy the value, or null for none @return this builder */
        public Builder imagePullPolicy(String imagePullPolicy) {
            this.imagePullPolicy = imagePullPolicy;
            return this;
        }

        /** Sets {@code securityContext}. @param securityContext the value, or null for none @return this builder */
        public Builder securityContext(SecurityContext securityContext) {
            this.securityContext = securityContext;
            return this;
        }

        /** Sets {@code stdin}. @param stdin the value, or null for none @return this builder */
        public Builder stdin(Boolean stdin) {
            this.stdin = stdin;
            return this;
        }

        /** Sets {@code stdinOnce}. @param stdinOnce the value, or null for none @return this builder */
        public Builder stdinOnce(Boolean stdinOnce) {
            this.stdinOnce = stdinOnce;
            return this;
        }

        /** Sets {@code tty}. @param tty the value, or null for none @return this builder */
        public Builder tty(Boolean tty) {
            this.tty = tty;
            return this;
        }

        /** Sets {@code command}. @param command the command, replacing the image's ENTRYPOINT @return this builder */
        public Builder command(String... command) {
            return command(List.of(command));
        }

        /** Sets {@code args}. @param args the arguments, replacing the image's CMD @return this builder */
        public Builder args(String... args) {
            return args(List.of(args));
        }

        /** Declares a TCP container port. @param containerPort the port @return this builder */
        public Builder port(int containerPort) {
            return addPorts(ContainerPort.builder().containerPort(containerPort).build());
        }

        /** Declares a named TCP container port. @param name the port's name @param containerPort the port @return this builder */
        public Builder port(String name, int containerPort) {
            return addPorts(ContainerPort.builder().name(name).containerPort(containerPort).build());
        }

        /** Adds an environment variable with a literal value. @param name the name @param value the value @return this builder */
        public Builder env(String name, String value) {
            return addEnv(EnvVar.builder().name(name).value(value).build());
        }

        /** Mounts a volume. @param volume the volume's name @param mountPath where it appears @return this builder */
        public Builder mount(String volume, String mountPath) {
            return addVolumeMounts(VolumeMount.builder().name(volume).mountPath(mountPath).build());
        }

        /** @return the Container */
        public Container build() {
            return new Container(name, image, command, args, workingDir, ports, envFrom, env, resources, restartPolicy, volumeMounts, livenessProbe, readinessProbe, startupProbe, lifecycle, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, securityContext, stdin, stdinOnce, tty);
        }
    }
}
