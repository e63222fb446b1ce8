package io.pod4j.api.build;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds fabric8 {@link Container}s the way {@link Pods.Builder#container} fills them in:
 * {@code c -> c.image("nginx:1.27").port(80).env("MODE", "demo").mount("data", "/data")}.
 */
public final class Containers {

    private Containers() {
    }

    /**
     * @param name the container's name
     * @param container fills in the rest
     * @return the container as written, without defaults
     */
    public static Container build(String name, Consumer<Builder> container) {
        Builder b = new Builder(Objects.requireNonNull(name, "name"));
        container.accept(b);
        return Copies.of(b.c);
    }

    /** Fills in one container; every setter returns the builder. */
    public static final class Builder {
        private final Container c = new Container();

        private Builder(String name) {
            c.setName(name);
        }

        /** Sets {@code name}. @param name the name @return this builder */
        public Builder name(String name) {
            c.setName(name);
            return this;
        }

        /** Sets {@code image}. @param image the image reference @return this builder */
        public Builder image(String image) {
            c.setImage(image);
            return this;
        }

        /** Sets {@code command} (the entrypoint). @param command the command and its arguments @return this builder */
        public Builder command(String... command) {
            return command(List.of(command));
        }

        /** Sets {@code command}. @param command the command and its arguments @return this builder */
        public Builder command(List<String> command) {
            c.setCommand(new ArrayList<>(command));
            return this;
        }

        /** Sets {@code args}. @param args the arguments @return this builder */
        public Builder args(String... args) {
            return args(List.of(args));
        }

        /** Sets {@code args}. @param args the arguments @return this builder */
        public Builder args(List<String> args) {
            c.setArgs(new ArrayList<>(args));
            return this;
        }

        /** Sets {@code workingDir}. @param workingDir the directory @return this builder */
        public Builder workingDir(String workingDir) {
            c.setWorkingDir(workingDir);
            return this;
        }

        /** Adds a port. @param containerPort the port number @return this builder */
        public Builder port(int containerPort) {
            return port(null, containerPort);
        }

        /** Adds a named port. @param name the port's name @param containerPort the port number @return this builder */
        public Builder port(String name, int containerPort) {
            ContainerPort p = new ContainerPort();
            p.setName(name);
            p.setContainerPort(containerPort);
            Pods.list(c.getPorts(), c::setPorts).add(p);
            return this;
        }

        /** Sets {@code ports}, replacing what was set. @param ports the ports; copied @return this builder */
        public Builder ports(List<ContainerPort> ports) {
            c.setPorts(new ArrayList<>(ports.stream().map(Copies::of).toList()));
            return this;
        }

        /** Adds an environment variable. @param name its name @param value its value @return this builder */
        public Builder env(String name, String value) {
            EnvVar e = new EnvVar();
            e.setName(name);
            e.setValue(value);
            Pods.list(c.getEnv(), c::setEnv).add(e);
            return this;
        }

        /** Adds an environment variable built elsewhere. @param env the variable; copied @return this builder */
        public Builder env(EnvVar env) {
            Pods.list(c.getEnv(), c::setEnv).add(Copies.of(env));
            return this;
        }

        /** Sets {@code env}, replacing what was set. @param env the variables; copied @return this builder */
        public Builder env(List<EnvVar> env) {
            c.setEnv(new ArrayList<>(env.stream().map(Copies::of).toList()));
            return this;
        }

        /** Sets {@code envFrom}. @param envFrom the sources; copied @return this builder */
        public Builder envFrom(List<EnvFromSource> envFrom) {
            c.setEnvFrom(new ArrayList<>(envFrom.stream().map(Copies::of).toList()));
            return this;
        }

        /** Sets {@code resources}. @param resources the requests and limits; copied @return this builder */
        public Builder resources(ResourceRequirements resources) {
            c.setResources(Copies.of(resources));
            return this;
        }

        /** Sets one {@code resources.limits} entry. @param resource such as {@code cpu} @param quantity such as {@code 500m} @return this builder */
        public Builder limit(String resource, String quantity) {
            resourcesMap(true).put(resource, new Quantity(quantity));
            return this;
        }

        /** Sets one {@code resources.requests} entry. @param resource such as {@code memory} @param quantity such as {@code 64Mi} @return this builder */
        public Builder request(String resource, String quantity) {
            resourcesMap(false).put(resource, new Quantity(quantity));
            return this;
        }

        private Map<String, Quantity> resourcesMap(boolean limits) {
            if (c.getResources() == null) {
                c.setResources(new ResourceRequirements());
            }
            ResourceRequirements r = c.getResources();
            Map<String, Quantity> m = limits ? r.getLimits() : r.getRequests();
            if (m == null) {
                m = new LinkedHashMap<>();
                if (limits) {
                    r.setLimits(m);
                } else {
                    r.setRequests(m);
                }
            }
            return m;
        }

        /** Sets {@code restartPolicy} (only {@code Always}, on init containers: a sidecar). @param restartPolicy the policy @return this builder */
        public Builder restartPolicy(String restartPolicy) {
            c.setRestartPolicy(restartPolicy);
            return this;
        }

        /** Adds a volume mount. @param volume the volume's name @param mountPath where it is mounted @return this builder */
        public Builder mount(String volume, String mountPath) {
            VolumeMount m = new VolumeMount();
            m.setName(volume);
            m.setMountPath(mountPath);
            Pods.list(c.getVolumeMounts(), c::setVolumeMounts).add(m);
            return this;
        }

        /** Sets {@code volumeMounts}, replacing what was set. @param mounts the mounts; copied @return this builder */
        public Builder volumeMounts(List<VolumeMount> mounts) {
            c.setVolumeMounts(new ArrayList<>(mounts.stream().map(Copies::of).toList()));
            return this;
        }

        /** Sets {@code livenessProbe} (see {@link Probes}). @param probe the probe; copied @return this builder */
        public Builder livenessProbe(Probe probe) {
            c.setLivenessProbe(Copies.of(probe));
            return this;
        }

        /** Sets {@code readinessProbe} (see {@link Probes}). @param probe the probe; copied @return this builder */
        public Builder readinessProbe(Probe probe) {
            c.setReadinessProbe(Copies.of(probe));
            return this;
        }

        /** Sets {@code startupProbe} (see {@link Probes}). @param probe the probe; copied @return this builder */
        public Builder startupProbe(Probe probe) {
            c.setStartupProbe(Copies.of(probe));
            return this;
        }

        /** Sets {@code lifecycle}. @param lifecycle the postStart and preStop hooks; copied @return this builder */
        public Builder lifecycle(Lifecycle lifecycle) {
            c.setLifecycle(Copies.of(lifecycle));
            return this;
        }

        /** Sets {@code terminationMessagePath}. @param path the file @return this builder */
        public Builder terminationMessagePath(String path) {
            c.setTerminationMessagePath(path);
            return this;
        }

        /** Sets {@code terminationMessagePolicy}. @param policy File or FallbackToLogsOnError @return this builder */
        public Builder terminationMessagePolicy(String policy) {
            c.setTerminationMessagePolicy(policy);
            return this;
        }

        /** Sets {@code imagePullPolicy}. @param policy Always, IfNotPresent or Never @return this builder */
        public Builder imagePullPolicy(String policy) {
            c.setImagePullPolicy(policy);
            return this;
        }

        /** Sets {@code securityContext}. @param securityContext the context; copied @return this builder */
        public Builder securityContext(SecurityContext securityContext) {
            c.setSecurityContext(Copies.of(securityContext));
            return this;
        }

        /** Sets {@code stdin}. @param stdin whether stdin is kept open @return this builder */
        public Builder stdin(boolean stdin) {
            c.setStdin(stdin);
            return this;
        }

        /** Sets {@code stdinOnce}. @param stdinOnce whether stdin closes after the first attach @return this builder */
        public Builder stdinOnce(boolean stdinOnce) {
            c.setStdinOnce(stdinOnce);
            return this;
        }

        /** Sets {@code tty}. @param tty whether the container gets a terminal @return this builder */
        public Builder tty(boolean tty) {
            c.setTty(tty);
            return this;
        }

        /**
         * For any other field: {@code .edit(x -> x.setResizePolicy(...))}.
         *
         * @param edit changes the container being built in place
         * @return this builder
         */
        public Builder edit(Consumer<Container> edit) {
            edit.accept(c);
            return this;
        }
    }
}
