package io.pod4j.engine.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import io.pod4j.api.model.Container;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.PodSecurityContext;
import io.pod4j.api.model.SecurityContext;
import io.pod4j.api.quantity.Quantity;
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
     * @return the new container's id
     * @throws ContainerConfigException when the container cannot be configured (volumes, subPath)
     */
    static String create(DockerClient docker, Pod pod, ContainerRecord r, String infraId, Map<String, String> env,
            Map<String, String> labels, String name, DockerConnection engine, java.nio.file.Path terminationFile)
            throws ContainerConfigException {
        Container c = r.spec;
        String join = "container:" + infraId;
        List<com.github.dockerjava.api.model.Bind> binds = new ArrayList<>(Volumes.binds(docker, pod, c.volumeMounts(), engine.isLocal()));
        if (terminationFile != null && c.terminationMessagePath() != null && !c.terminationMessagePath().isEmpty()) {
            binds.add(new com.github.dockerjava.api.model.Bind(terminationFile.toString(),
                    new com.github.dockerjava.api.model.Volume(c.terminationMessagePath())));
        }
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(join)
                .withIpcMode(Boolean.TRUE.equals(pod.spec().hostIPC()) ? "host" : join)
                .withBinds(binds);
        if (engine.podman()) {
            // The containers of a pod share the sandbox's UTS namespace (its hostname). Docker gives a
            // container that joins another's network that one's hostname and refuses a UTS mode
            // other than host; Podman keeps a UTS namespace per container unless told to join.
            host.withUtSMode(join);
        }
        if (Boolean.TRUE.equals(pod.spec().shareProcessNamespace())) {
            host.withPidMode(join);
        } else if (Boolean.TRUE.equals(pod.spec().hostPID())) {
            host.withPidMode("host");
        }
        security(host, c.securityContext());
        resources(host, c);
        CreateContainerCmd create = docker.createContainerCmd(c.image())
                .withName(name)
                .withLabels(labels)
                .withHostConfig(host)
                .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withTty(Boolean.TRUE.equals(c.tty()))
                .withStdinOpen(Boolean.TRUE.equals(c.stdin()))
                .withStdInOnce(Boolean.TRUE.equals(c.stdinOnce()));
        // Kubernetes: command replaces ENTRYPOINT (and drops the image's CMD), args replace CMD.
        if (!c.command().isEmpty()) {
            create.withEntrypoint(expand(c.command(), env));
            create.withCmd(expand(c.args(), env));
        } else if (!c.args().isEmpty()) {
            create.withCmd(expand(c.args(), env));
        }
        if (c.workingDir() != null && !c.workingDir().isEmpty()) {
            create.withWorkingDir(c.workingDir());
        }
        String user = user(c.securityContext(), pod.spec().securityContext());
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
        Long uid = c != null && c.runAsUser() != null ? c.runAsUser() : p != null ? p.runAsUser() : null;
        Long gid = c != null && c.runAsGroup() != null ? c.runAsGroup() : p != null ? p.runAsGroup() : null;
        if (uid == null && gid == null) {
            return null;
        }
        return (uid == null ? "0" : uid.toString()) + (gid == null ? "" : ":" + gid);
    }

    private static void security(HostConfig host, SecurityContext s) {
        if (s == null) {
            return;
        }
        if (Boolean.TRUE.equals(s.privileged())) {
            host.withPrivileged(true);
        }
        if (Boolean.TRUE.equals(s.readOnlyRootFilesystem())) {
            host.withReadonlyRootfs(true);
        }
        if (Boolean.FALSE.equals(s.allowPrivilegeEscalation())) {
            host.withSecurityOpts(List.of("no-new-privileges"));
        }
        if (s.capabilities() != null) {
            host.withCapAdd(capabilities(s.capabilities().add()));
            host.withCapDrop(capabilities(s.capabilities().drop()));
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
        var r = c.resources();
        if (r == null) {
            return;
        }
        Quantity memory = r.limits().get("memory");
        if (memory != null) {
            host.withMemory(memory.value());
            host.withMemorySwap(memory.value());
        }
        Quantity cpu = r.limits().get("cpu");
        if (cpu != null) {
            host.withNanoCPUs(cpu.milliValue() * 1_000_000L);
        }
        Quantity cpuRequest = r.requests().get("cpu");
        if (cpuRequest != null) {
            // The kubelet's mapping of a CPU request to cgroup shares (minimum 2).
            host.withCpuShares((int) Math.max(2, cpuRequest.milliValue() * 1024 / 1000));
        }
    }
}
