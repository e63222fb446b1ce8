package io.pod4j.engine.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Timestamps;
import io.pod4j.engine.docker.Labels;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The container runtime on a Docker (or Podman) engine: a thin adapter over docker-java. */
final class DockerRuntime implements ContainerRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(DockerRuntime.class);

    private final EngineContext ctx;

    DockerRuntime(EngineContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String endpoint() {
        return ctx.docker().endpoint();
    }

    private DockerClient docker() {
        return ctx.docker().client();
    }

    @Override
    public String createSandbox(Pod pod, Map<String, String> labels, String name) throws ContainerConfigException {
        List<Bind> volumeBinds = Volumes.prepare(docker(), pod, labels, ctx.docker().isLocal(), ctx.objects());
        return sandboxCommand(pod, labels, name, volumeBinds).exec().getId();
    }

    @Override
    public Sandbox startSandbox(Pod pod, String id) throws ContainerConfigException {
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        docker().startContainerCmd(id).exec();
        Volumes.populate(docker(), id, pod, ctx.objects());
        // Listed, not inspected: the list's smaller answer is what a cold JVM has already learnt to
        // read (an inspect's first reading cost a cold test run ~100 ms), and it has the IP and ports.
        Container listed = docker().listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec().stream()
                .findFirst().orElseThrow(() -> new IllegalStateException("infra container " + id + " vanished as it started"));
        var networks = listed.getNetworkSettings() == null ? null : listed.getNetworkSettings().getNetworks();
        String podIP = hostNetwork ? ctx.node().address() : ctx.network().addressIn(networks);
        Map<Integer, InetSocketAddress> published = new HashMap<>();
        for (ContainerPort p : ports(pod)) {
            if (hostNetwork) {
                published.put(p.getContainerPort(), new InetSocketAddress("127.0.0.1", p.getContainerPort()));
                continue;
            }
            String protocol = p.getProtocol() == null ? "tcp" : p.getProtocol().toLowerCase(Locale.ROOT);
            for (var b : listed.getPorts() == null ? new com.github.dockerjava.api.model.ContainerPort[0] : listed.getPorts()) {
                boolean ipv6 = b.getIp() != null && b.getIp().contains(":");
                if (b.getPublicPort() != null && !ipv6 && p.getContainerPort().equals(b.getPrivatePort()) && protocol.equals(b.getType())) {
                    String ip = b.getIp() == null || b.getIp().isEmpty() || "0.0.0.0".equals(b.getIp()) ? "127.0.0.1" : b.getIp();
                    published.put(p.getContainerPort(), new InetSocketAddress(ip, b.getPublicPort()));
                    break;
                }
            }
        }
        return new Sandbox(id, podIP, Map.copyOf(published));
    }

    /**
     * The sandbox's container: the pod's network (or the host's), its IPC namespace to share, its
     * published ports, hostname, domain, host aliases and volumes. Every sandbox setting lives here.
     */
    private CreateContainerCmd sandboxCommand(Pod pod, Map<String, String> labels, String name, List<Bind> volumeBinds) {
        var spec = pod.getSpec();
        boolean hostNetwork = Boolean.TRUE.equals(spec.getHostNetwork());
        Ports bindings = new Ports();
        List<ExposedPort> exposed = new ArrayList<>();
        for (ContainerPort p : ports(pod)) {
            ExposedPort e = "UDP".equals(p.getProtocol()) ? ExposedPort.udp(p.getContainerPort())
                    : "SCTP".equals(p.getProtocol()) ? ExposedPort.sctp(p.getContainerPort()) : ExposedPort.tcp(p.getContainerPort());
            exposed.add(e);
            if (!hostNetwork) {
                String ip = p.getHostIP() != null && !p.getHostIP().isEmpty() ? p.getHostIP() : "127.0.0.1";
                Integer hostPort = p.getHostPort() != null && p.getHostPort() > 0 ? p.getHostPort() : null;
                bindings.bind(e, hostPort == null ? Ports.Binding.bindIp(ip) : Ports.Binding.bindIpAndPort(ip, hostPort));
            }
        }
        List<String> extraHosts = new ArrayList<>();
        for (var alias : Nulls.orEmpty(spec.getHostAliases())) {
            for (String h : Nulls.orEmpty(alias.getHostnames())) {
                extraHosts.add(h + ":" + alias.getIp());
            }
        }
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(volumeBinds)
                .withNetworkMode(hostNetwork ? "host" : ctx.network().name())
                .withIpcMode(Boolean.TRUE.equals(spec.getHostIPC()) ? "host" : "shareable")
                .withPortBindings(bindings)
                .withExtraHosts(extraHosts.toArray(String[]::new));
        PodDns.Settings dns = PodDns.sandbox(pod, ctx.docker().isLocal(), ctx.services().dnsServer());
        host.withDns(dns.nameservers()).withDnsSearch(dns.searches()).withDnsOptions(dns.options());
        if (Boolean.TRUE.equals(spec.getHostPID())) {
            host.withPidMode("host");
        }
        CreateContainerCmd create = docker().createContainerCmd(ctx.images().pause())
                .withName(name)
                .withLabels(labels)
                .withExposedPorts(exposed)
                .withHostConfig(host);
        if (!hostNetwork) {
            create.withHostName(hostname(pod));
            if (spec.getSubdomain() != null && !spec.getSubdomain().isEmpty()) {
                create.withDomainName(spec.getSubdomain() + "." + pod.getMetadata().getNamespace() + ".svc.cluster.local");
            }
        }
        return create;
    }

    @Override
    public String createContainer(Pod pod, io.fabric8.kubernetes.api.model.Container container, String sandboxId, String pidTargetId,
            Map<String, String> env, Map<String, String> labels, String name, Path terminationFile) throws ContainerConfigException {
        return ContainerFactory.create(docker(), pod, container, sandboxId, pidTargetId, env, labels, name, ctx.docker(),
                terminationFile, ctx.node().seccompDir(), ctx.objects());
    }

    @Override
    public void startContainer(String id) {
        docker().startContainerCmd(id).exec();
    }

    @Override
    public void stopContainer(String id, Duration timeout) {
        try {
            docker().stopContainerCmd(id).withTimeout((int) Math.max(0, Math.ceil(timeout.toMillis() / 1000.0))).exec();
        } catch (DockerException e) {
            LOG.debug("stop {}: {}", id, e.getMessage());
        }
    }

    @Override
    public RuntimeException removeContainer(String id) {
        try {
            docker().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // Already gone: that is what we wanted.
        } catch (DockerException e) {
            return e;
        }
        return null;
    }

    @Override
    public Map<String, String> podContainers(String podUid) {
        Map<String, String> states = new HashMap<>();
        for (Container c : docker().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.POD_UID, podUid)).exec()) {
            states.put(c.getId(), c.getState());
        }
        return states;
    }

    @Override
    public ContainerStateTerminated ended(ContainerRecord r) {
        InspectContainerResponse inspect;
        try {
            inspect = docker().inspectContainerCmd(r.containerId()).exec();
        } catch (NotFoundException gone) {
            // Removed behind our back: it ended, and nobody can say how.
            return new ContainerStateTerminatedBuilder().withExitCode(137).withReason("Error")
                    .withMessage("container removed outside pod4j").withContainerID("docker://" + r.containerId()).build();
        }
        var state = inspect.getState();
        if (Boolean.TRUE.equals(state.getRunning())) {
            return null;
        }
        int code = state.getExitCodeLong() == null ? 0 : state.getExitCodeLong().intValue();
        String reason = Boolean.TRUE.equals(state.getOOMKilled()) ? "OOMKilled" : code == 0 ? "Completed" : "Error";
        ContainerStateTerminated t = new ContainerStateTerminatedBuilder()
                .withExitCode(code)
                .withReason(reason)
                .withStartedAt(Timestamps.time(parseTime(state.getStartedAt())))
                .withFinishedAt(Timestamps.time(parseTime(state.getFinishedAt())))
                .withContainerID("docker://" + inspect.getId())
                .build();
        String message = TerminationMessages.read(docker(), inspect.getId(), r.spec(), code, r.terminationFile());
        return message == null || message.isEmpty() ? t : t.toBuilder().withMessage(message).build();
    }

    @Override
    public Map<String, Listed> containers() {
        Map<String, Listed> listed = new HashMap<>();
        for (Container c : docker().listContainersCmd().withShowAll(true).withLabelFilter(owner()).exec()) {
            String uid = c.getLabels() == null ? null : c.getLabels().get(Labels.POD_UID);
            if (uid != null) {
                listed.put(c.getId(), new Listed(uid, "running".equals(c.getState()),
                        "exited".equals(c.getState()) || "dead".equals(c.getState())));
            }
        }
        return listed;
    }

    @Override
    public java.io.Closeable containerEvents(java.util.function.Consumer<PodLifecycleEvent> events, Runnable ended) {
        return ctx.docker().streams().eventsCmd()
                .withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(owner())
                .exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event e) {
                        var attributes = e.getActor() == null ? null : e.getActor().getAttributes();
                        String uid = attributes == null ? null : attributes.get(Labels.POD_UID);
                        PodLifecycleEvent.Type type = type(e.getAction() != null ? e.getAction() : e.getStatus());
                        if (uid != null && type != null) {
                            events.accept(new PodLifecycleEvent(uid, type, e.getId()));
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        LOG.debug("Docker event stream broke: {}", t.toString());
                        ended.run();
                    }

                    @Override
                    public void onComplete() {
                        ended.run();
                    }
                });
    }

    /** @return what a Docker action means to the PLEG, or null; a removal is "destroy" from Docker, "remove" from Podman */
    private static PodLifecycleEvent.Type type(String action) {
        return action == null ? null : switch (action) {
            case "start" -> PodLifecycleEvent.Type.CONTAINER_STARTED;
            case "die", "oom" -> PodLifecycleEvent.Type.CONTAINER_DIED;
            case "destroy", "remove" -> PodLifecycleEvent.Type.CONTAINER_REMOVED;
            default -> null;
        };
    }

    /** @return the label filter for this engine's containers */
    private Map<String, String> owner() {
        return Map.of(Labels.OWNER, ctx.ownerLabels().get(Labels.OWNER));
    }

    @Override
    public void removeVolumes(String podUid) {
        Volumes.removeAll(docker(), podUid);
    }

    static Instant parseTime(String dockerTime) {
        if (dockerTime == null || dockerTime.startsWith("0001-")) {
            return null;
        }
        try {
            return Instant.parse(dockerTime).truncatedTo(ChronoUnit.SECONDS);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<ContainerPort> ports(Pod pod) {
        List<ContainerPort> ports = new ArrayList<>();
        for (var c : Nulls.orEmpty(pod.getSpec().getInitContainers())) {
            ports.addAll(Nulls.orEmpty(c.getPorts()));
        }
        for (var c : Nulls.orEmpty(pod.getSpec().getContainers())) {
            ports.addAll(Nulls.orEmpty(c.getPorts()));
        }
        return ports;
    }

    private static String hostname(Pod pod) {
        String h = pod.getSpec().getHostname() != null && !pod.getSpec().getHostname().isEmpty() ? pod.getSpec().getHostname()
                : pod.getMetadata().getName();
        if (h.length() > 63) {
            h = h.substring(0, 63);
        }
        while (h.endsWith("-") || h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper ERRORS = new com.fasterxml.jackson.databind.ObjectMapper();

    /** @return the daemon's words for a failed call, without docker-java's {@code Status 404: {...}} wrapping */
    static String message(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int brace = m.indexOf('{');
        if (brace >= 0 && m.contains("\"message\"")) {
            try {
                var json = ERRORS.readTree(m.substring(brace));
                if (json.hasNonNull("message")) {
                    return json.get("message").asText().strip();
                }
            } catch (java.io.IOException notJson) {
                // Fall through to the text as it is.
            }
        }
        return m.strip();
    }

    /** @return true when Docker did not answer at all (daemon stopped or restarting), rather than refused */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof java.net.ConnectException
                    || t instanceof java.nio.file.NoSuchFileException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
