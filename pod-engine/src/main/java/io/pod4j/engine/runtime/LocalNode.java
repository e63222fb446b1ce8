package io.pod4j.engine.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.NodeSystemInfoBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.pod4j.api.build.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one node pods are scheduled to: this Docker engine. Its well-known labels come from the
 * engine (hostname, os, arch); labels a user adds are kept in a file of the per-user state
 * directory so they survive restarts, as a cluster keeps them in etcd.
 */
public final class LocalNode {

    private static final Logger LOG = LoggerFactory.getLogger(LocalNode.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Map<String, String> builtIn;
    private final Map<String, Quantity> capacity;
    private final NodeSystemInfo info;
    private final String address;
    private final Path labelsFile;
    private final Path seccompDir;
    private final String created = Timestamps.time(Instant.now());
    private Map<String, String> userLabels;

    /**
     * @param name the node's name
     * @param os the engine's OS, such as linux
     * @param arch the engine's architecture in Go's words, such as amd64
     * @param cpus the engine's CPUs
     * @param memoryBytes the engine's memory
     * @param info versions and platform
     * @param address the node's internal IP
     * @param stateDir where user labels are kept
     */
    public LocalNode(String name, String os, String arch, int cpus, long memoryBytes, NodeSystemInfo info, String address,
            Path stateDir) {
        this.name = name;
        this.builtIn = new LinkedHashMap<>();
        builtIn.put("beta.kubernetes.io/arch", arch);
        builtIn.put("beta.kubernetes.io/os", os);
        builtIn.put("kubernetes.io/arch", arch);
        builtIn.put("kubernetes.io/hostname", name);
        builtIn.put("kubernetes.io/os", os);
        this.capacity = new LinkedHashMap<>();
        capacity.put("cpu", new Quantity(Integer.toString(cpus)));
        capacity.put("memory", new Quantity(Long.toString(memoryBytes / 1024), "Ki"));
        capacity.put("pods", new Quantity("110"));
        this.info = new NodeSystemInfoBuilder(info).build();
        this.address = address;
        this.labelsFile = stateDir.resolve("node-labels.json");
        this.seccompDir = stateDir.resolve("seccomp");
        this.userLabels = load();
    }

    /**
     * @return where {@code Localhost} seccomp profiles are read from, {@code <state dir>/seccomp}
     *     (the kubelet's {@code <root dir>/seccomp})
     */
    public Path seccompDir() {
        return seccompDir;
    }

    /** @return the node's name */
    public String name() {
        return name;
    }

    /** @return the node as {@code kubectl get node -o yaml} would show it */
    public synchronized Node node() {
        Map<String, String> labels = new TreeMap<>(builtIn);
        labels.putAll(userLabels);
        // A new object each time: callers may change it.
        return new NodeBuilder()
                .withNewMetadata().withName(name).withLabels(labels).withCreationTimestamp(created).endMetadata()
                .withNewStatus()
                        .withCapacity(copy(capacity))
                        .withAllocatable(copy(capacity))
                        .withAddresses(new NodeAddress(address, "InternalIP"), new NodeAddress(name, "Hostname"))
                        .addNewCondition().withType("Ready").withStatus("True")
                                .withReason("KubeletReady").withMessage("kubelet is posting ready status")
                                .withLastHeartbeatTime(Timestamps.time(Instant.now()))
                                .withLastTransitionTime(created).endCondition()
                        .withNodeInfo(new NodeSystemInfoBuilder(info).build())
                .endStatus()
                .build();
    }

    private static Map<String, Quantity> copy(Map<String, Quantity> quantities) {
        Map<String, Quantity> out = new LinkedHashMap<>();
        quantities.forEach((k, v) -> out.put(k, new Quantity(v.getAmount(), v.getFormat())));
        return out;
    }

    /** @return the node's address on the pod network */
    public String address() {
        return address;
    }

    /** @return the node's labels */
    public synchronized Map<String, String> labels() {
        Map<String, String> labels = new TreeMap<>(builtIn);
        labels.putAll(userLabels);
        return labels;
    }

    /**
     * @param user labels a user gives the node
     * @return the node's labels with those (the well-known ones stay)
     */
    public synchronized Map<String, String> labelsWith(Map<String, String> user) {
        Map<String, String> labels = new TreeMap<>(user);
        labels.putAll(builtIn);
        return labels;
    }

    /** @return what pods may request in all */
    public Map<String, Quantity> allocatable() {
        return copy(capacity);
    }

    /**
     * Sets the labels a user gave the node (the well-known ones stay), and saves them.
     *
     * @param labels the user's labels
     */
    public synchronized void setUserLabels(Map<String, String> labels) {
        Map<String, String> user = new TreeMap<>(labels);
        builtIn.keySet().forEach(user::remove);
        userLabels = user;
        try {
            Files.createDirectories(labelsFile.getParent());
            JSON.writeValue(labelsFile.toFile(), userLabels);
        } catch (IOException e) {
            LOG.warn("cannot save node labels to {}: {}", labelsFile, e.toString());
        }
    }

    private Map<String, String> load() {
        if (!Files.isRegularFile(labelsFile)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(JSON.readValue(labelsFile.toFile(), new TypeReference<Map<String, String>>() { }));
        } catch (IOException e) {
            LOG.warn("ignoring unreadable node labels in {}: {}", labelsFile, e.toString());
            return new TreeMap<>();
        }
    }
}
