package io.pod4j.engine.network;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.pod4j.engine.docker.Labels;
import io.pod4j.engine.docker.PauseImage;
import io.pod4j.engine.docker.PodNetwork;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data path's containers on the pod network, from pod4j's own netd image (loaded, never
 * pulled): the cluster DNS container and one proxy container per Service. Each carries the
 * engine's owner labels and a uid label, so that the reaper removes them with a dead owner's pods.
 */
final class ServiceContainers {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceContainers.class);
    /** The architectures netd is built for (scripts/build-pause), in Go's words. */
    private static final java.util.Set<String> BUILT_FOR = java.util.Set.of("amd64", "arm64");
    /** The label naming a proxy container's Service. */
    static final String SERVICE = "io.pod4j.service";
    static final String TABLE = "/table";
    /**
     * A first table shorter than this goes in as the variable NETD_TABLE (netd writes it to its file),
     * saving a copy through the Docker API before the start: a pod that needs the proxy's address waits
     * for that start. A longer one is copied (a variable may hold 128 KiB).
     */
    private static final int FIRST_TABLE_IN_ENV = 64 * 1024;

    /**
     * A started container.
     *
     * @param id its id
     * @param address its address on the pod network
     * @param published container port → its 127.0.0.1 address on the host (the random one)
     */
    record Running(String id, String address, Map<Integer, InetSocketAddress> published) {
    }

    private final DockerClient docker;
    private final PodNetwork network;
    private final Map<String, String> ownerLabels;
    private final java.util.function.Supplier<String> architecture;
    private volatile String image;

    /**
     * @param architecture the engine's architecture (amd64, arm64), asked when the first container starts
     */
    ServiceContainers(DockerClient docker, PodNetwork network, Map<String, String> ownerLabels,
            java.util.function.Supplier<String> architecture) {
        this.docker = docker;
        this.network = network;
        this.ownerLabels = ownerLabels;
        this.architecture = architecture;
    }

    private String image() {
        if (image == null) {
            String arch = architecture.get();
            if (!BUILT_FOR.contains(arch)) {
                throw new IllegalStateException("pod4j's netd (the Service data path) has no build for " + arch
                        + " engines, only for amd64 and arm64: Services cannot be served on this engine");
            }
            image = PauseImage.ensure(docker, "pod4j/netd", "/io/pod4j/engine/runtime/netd-" + arch, "netd", arch);
        }
        return image;
    }

    /** Starts the cluster DNS server with its first table. */
    Running startDns(String table) {
        String uid = UUID.randomUUID().toString();
        return start("pod4j_dns_" + uid.substring(0, 8), labels("kube-system", "cluster-dns", "dns-" + uid, null),
                List.of("dns", TABLE), List.of(), table);
    }

    /**
     * Starts a Service's proxy, its TCP and UDP ports published on 127.0.0.1 (random host ports, and the
     * node ports of a NodePort Service); when a node port is taken on the host, without node ports.
     */
    Running startProxy(Service service, String table) {
        String name = service.getMetadata().getName();
        String ns = service.getMetadata().getNamespace();
        String uid = service.getMetadata().getUid();
        String container = "pod4j_svc_" + name + "_" + ns + "_" + uid.substring(0, 8);
        Map<String, String> labels = labels(ns, "service-proxy", "svc-" + uid, name);
        List<ServicePort> ports = ServiceTables.proxiedPorts(service);
        try {
            return start(container, labels, List.of("proxy", TABLE), ports, table);
        } catch (DockerException e) {
            if (ports.stream().noneMatch(p -> p.getNodePort() != null)) {
                throw e;
            }
            LOG.warn("service {}/{}: its node ports cannot be published on 127.0.0.1 ({}); it stays reachable without them",
                    ns, name, e.getMessage());
            List<ServicePort> without = ports.stream().map(p -> new io.fabric8.kubernetes.api.model.ServicePortBuilder(p)
                    .withNodePort(null).build()).toList();
            return start(container, labels, List.of("proxy", TABLE), without, table);
        }
    }

    private Map<String, String> labels(String namespace, String role, String uid, String service) {
        Map<String, String> labels = new LinkedHashMap<>(ownerLabels);
        labels.put(Labels.MANAGED, "true");
        labels.put(Labels.NAMESPACE, namespace);
        labels.put(Labels.POD_UID, uid);
        labels.put(Labels.ROLE, role);
        if (service != null) {
            labels.put(SERVICE, service);
        }
        return labels;
    }

    private Running start(String name, Map<String, String> labels, List<String> cmd, List<ServicePort> ports, String table) {
        Ports bindings = new Ports();
        List<ExposedPort> exposed = new ArrayList<>();
        for (ServicePort p : ports) {
            ExposedPort e = ServiceTables.udp(p) ? ExposedPort.udp(p.getPort()) : ExposedPort.tcp(p.getPort());
            exposed.add(e);
            bindings.bind(e, Ports.Binding.bindIp("127.0.0.1"));
            if (p.getNodePort() != null && p.getNodePort() > 0) {
                bindings.bind(e, Ports.Binding.bindIpAndPort("127.0.0.1", p.getNodePort()));
            }
        }
        String id = docker.createContainerCmd(image()).withName(name).withLabels(labels).withCmd(cmd)
                .withExposedPorts(exposed)
                .withEnv(table.length() < FIRST_TABLE_IN_ENV ? List.of("NETD_TABLE=" + table) : List.of())
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network.name()).withPortBindings(bindings))
                .exec().getId();
        try {
            if (table.length() >= FIRST_TABLE_IN_ENV) {
                put(id, table);
            }
            docker.startContainerCmd(id).exec();
            Container listed = docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec().stream()
                    .findFirst().orElseThrow(() -> new IllegalStateException("container " + name + " vanished as it started"));
            String address = network.addressIn(listed.getNetworkSettings() == null ? null : listed.getNetworkSettings().getNetworks());
            Map<Integer, InetSocketAddress> published = new HashMap<>();
            for (ServicePort p : ports) {
                if (ServiceTables.udp(p)) {
                    continue; // the host address given is a TCP one (port-forward is TCP only)
                }
                for (var b : listed.getPorts() == null ? new com.github.dockerjava.api.model.ContainerPort[0] : listed.getPorts()) {
                    boolean ipv4 = b.getIp() == null || !b.getIp().contains(":");
                    if (ipv4 && !"udp".equals(b.getType()) && b.getPublicPort() != null && p.getPort().equals(b.getPrivatePort())
                            && !b.getPublicPort().equals(p.getNodePort())) {
                        published.put(p.getPort(), new InetSocketAddress("127.0.0.1", b.getPublicPort()));
                    }
                }
            }
            LOG.debug("started {} at {}", name, address);
            return new Running(id, address, Map.copyOf(published));
        } catch (RuntimeException e) {
            remove(id);
            throw e;
        }
    }

    /** Replaces the container's table; netd reads it at its next request. */
    void put(String id, String table) {
        docker.copyArchiveToContainerCmd(id).withRemotePath("/").withTarInputStream(new ByteArrayInputStream(tar(table)))
                .exec();
    }

    /**
     * @param ids containers this engine started
     * @return those of them that are running now
     */
    java.util.Set<String> running(java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        java.util.Set<String> up = new java.util.HashSet<>();
        docker.listContainersCmd().withIdFilter(ids).exec().forEach(c -> up.add(c.getId()));
        return up;
    }

    /** Kills and removes the container; never throws. */
    void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
        } catch (NotFoundException gone) {
            // Removed already.
        } catch (DockerException e) {
            LOG.debug("container {}: {}", id, e.getMessage());
        }
    }

    private static byte[] tar(String table) {
        byte[] data = table.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry entry = new TarArchiveEntry(TABLE.substring(1));
            entry.setSize(data.length);
            entry.setMode(0100644);
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
