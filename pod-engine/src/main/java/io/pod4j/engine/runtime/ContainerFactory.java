package io.pod4j.engine.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import io.pod4j.api.quantity.Quantities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.pod4j.engine.docker.DockerConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates one container of a pod into a Docker container that joins the pod's infra container:
 * command and args against the image's ENTRYPOINT and CMD by Kubernetes' rules, expanded env,
 * security context, resource limits and volume mounts.
 */
final class ContainerFactory {

    private ContainerFactory() {
    }

    /**
     * @param pidTargetId the container whose process namespace to join, or null
     * @param seccompDir where the pod's {@code Localhost} seccomp profiles are read from
     * @return the new container's id
     * @throws ContainerConfigException when the container cannot be configured (volumes, subPath, runAsNonRoot)
     */
    static String create(DockerClient docker, Pod pod, Container c, String infraId, String pidTargetId, Map<String, String> env,
            Map<String, String> labels, String name, DockerConnection engine, java.nio.file.Path terminationFile,
            java.nio.file.Path seccompDir, EngineContext.ObjectStore objects) throws ContainerConfigException {
        String join = "container:" + infraId;
        List<com.github.dockerjava.api.model.Bind> binds = new ArrayList<>(Volumes.binds(docker, pod, c, env, engine.isLocal(), objects));
        if (terminationFile != null && c.getTerminationMessagePath() != null && !c.getTerminationMessagePath().isEmpty()) {
            binds.add(new com.github.dockerjava.api.model.Bind(terminationFile.toString(),
                    new com.github.dockerjava.api.model.Volume(c.getTerminationMessagePath())));
        }
        NonRootPolicy.verify(docker, pod, c);
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(join)
                .withIpcMode(Boolean.TRUE.equals(pod.getSpec().getHostIPC()) ? "host" : join)
                .withBinds(binds);
        if (engine.podman()) {
            // The containers of a pod share the sandbox's UTS namespace (its hostname). Docker gives a
            // container that joins another's network that one's hostname and refuses a UTS mode
            // other than host; Podman keeps a UTS namespace per container unless told to join.
            host.withUtSMode(join);
        }
        if (Boolean.TRUE.equals(pod.getSpec().getShareProcessNamespace())) {
            host.withPidMode(join);
        } else if (pidTargetId != null) {
            host.withPidMode("container:" + pidTargetId); // kubectl debug --target: the target's processes are visible
        } else if (Boolean.TRUE.equals(pod.getSpec().getHostPID())) {
            host.withPidMode("host");
        }
        security(host, c.getSecurityContext());
        seccomp(host, pod, c, seccompDir);
        resources(host, c);
        podLimits(host, pod, c);
        CreateContainerCmd create = docker.createContainerCmd(c.getImage())
                .withName(name)
                .withLabels(labels)
                .withHostConfig(host)
                .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withTty(Boolean.TRUE.equals(c.getTty()))
                .withStdinOpen(Boolean.TRUE.equals(c.getStdin()))
                .withStdInOnce(Boolean.TRUE.equals(c.getStdinOnce()));
        List<String> command = Nulls.orEmpty(c.getCommand());
        List<String> args = Nulls.orEmpty(c.getArgs());
        // Kubernetes: command replaces ENTRYPOINT (and drops the image's CMD), args replace CMD.
        if (!command.isEmpty()) {
            create.withEntrypoint(expand(command, env));
            create.withCmd(expand(args, env));
        } else if (!args.isEmpty()) {
            create.withCmd(expand(args, env));
        }
        if (c.getWorkingDir() != null && !c.getWorkingDir().isEmpty()) {
            create.withWorkingDir(c.getWorkingDir());
        }
        String user = user(c.getSecurityContext(), pod.getSpec().getSecurityContext());
        if (user != null) {
            create.withUser(user);
        }
        return create.exec().getId();
    }

    private static List<String> expand(List<String> items, Map<String, String> env) {
        List<String> out = new ArrayList<>(items.size());
        for (String s : items) {
            out.add(EnvExpansion.expand(s, env));
        }
        return out;
    }

    private static String user(SecurityContext c, PodSecurityContext p) {
        Long uid = c != null && c.getRunAsUser() != null ? c.getRunAsUser() : p != null ? p.getRunAsUser() : null;
        Long gid = c != null && c.getRunAsGroup() != null ? c.getRunAsGroup() : p != null ? p.getRunAsGroup() : null;
        if (uid == null && gid == null) {
            return null;
        }
        return (uid == null ? "0" : uid.toString()) + (gid == null ? "" : ":" + gid);
    }

    private static void security(HostConfig host, SecurityContext s) {
        if (s == null) {
            return;
        }
        if (Boolean.TRUE.equals(s.getPrivileged())) {
            host.withPrivileged(true);
        }
        if (Boolean.TRUE.equals(s.getReadOnlyRootFilesystem())) {
            host.withReadonlyRootfs(true);
        }
        if (Boolean.FALSE.equals(s.getAllowPrivilegeEscalation())) {
            host.withSecurityOpts(List.of("no-new-privileges"));
        }
        if (s.getCapabilities() != null) {
            host.withCapAdd(capabilities(Nulls.orEmpty(s.getCapabilities().getAdd())));
            host.withCapDrop(capabilities(Nulls.orEmpty(s.getCapabilities().getDrop())));
        }
    }

    private static Capability[] capabilities(List<String> names) {
        List<Capability> out = new ArrayList<>();
        for (String n : names) {
            String bare = n.toUpperCase().startsWith("CAP_") ? n.substring(4) : n;
            out.add(Capability.valueOf(bare.toUpperCase()));
        }
        return out.toArray(Capability[]::new);
    }

    private static void resources(HostConfig host, Container c) {
        var r = c.getResources();
        if (r == null) {
            return;
        }
        Map<String, Quantity> limits = Nulls.orEmpty(r.getLimits());
        Quantity memory = limits.get("memory");
        if (memory != null) {
            host.withMemory(Quantities.value(memory));
            host.withMemorySwap(Quantities.value(memory));
        }
        Quantity cpu = limits.get("cpu");
        if (cpu != null) {
            host.withNanoCPUs(Quantities.milliValue(cpu) * 1_000_000L);
        }
        Quantity cpuRequest = Nulls.orEmpty(r.getRequests()).get("cpu");
        if (cpuRequest != null) {
            // The kubelet's mapping of a CPU request to cgroup shares (minimum 2).
            host.withCpuShares((int) Math.max(2, Quantities.milliValue(cpuRequest) * 1024 / 1000));
        }
    }

    /** Adds the container's seccomp profile to its security options (see {@link Seccomp}). */
    private static void seccomp(HostConfig host, Pod pod, Container c, java.nio.file.Path seccompDir) {
        String opt = Seccomp.securityOpt(c.getName(), Seccomp.of(pod, c), seccompDir);
        if (opt != null) {
            List<String> opts = new ArrayList<>(Nulls.orEmpty(host.getSecurityOpts()));
            opts.add(opt);
            host.withSecurityOpts(opts);
        }
    }

    /**
     * Pod-level {@code spec.resources.limits}: Docker gives pod4j no pod cgroup to limit, so a
     * container without a limit of its own for cpu or memory gets the pod's as its own (each such
     * container alone is held to it; together they may use more, unlike a cluster's pod cgroup).
     */
    private static void podLimits(HostConfig host, Pod pod, Container c) {
        Map<String, Quantity> own = PodLimits.forContainer(pod, c);
        Quantity memory = own.get("memory");
        if (memory != null && host.getMemory() == null) {
            host.withMemory(Quantities.value(memory));
            host.withMemorySwap(Quantities.value(memory));
        }
        Quantity cpu = own.get("cpu");
        if (cpu != null && host.getNanoCPUs() == null) {
            host.withNanoCPUs(Quantities.milliValue(cpu) * 1_000_000L);
        }
    }
}
