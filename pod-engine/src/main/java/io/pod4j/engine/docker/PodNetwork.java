package io.pod4j.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker bridge network pods get their IPs on, shared by every engine on the daemon.
 *
 * <p>By default it is Docker's own {@code bridge}: it is always there, so an engine neither
 * creates nor removes a network, which cost a cold test run about 0.4 s (the daemon's bridge and
 * iptables work). A network of another name is created when missing, labelled as pod4j's, and
 * removed by the last engine that closes while nothing uses it ({@link #created()}).
 *
 * <p>Docker does not make network names unique: two engines starting at the same moment can both
 * create "pod4j" (Engine 20.10 honours {@code CheckDuplicate} only on a best-effort basis), after
 * which every use of the name fails as ambiguous. So whoever sees more than one keeps the oldest
 * and removes the others; an engine that created a network that lost never attached anything to
 * it yet, because it checks right after creating.
 */
public final class PodNetwork {

    private static final Logger LOG = LoggerFactory.getLogger(PodNetwork.class);

    private final DockerClient docker;
    private final String name;
    private volatile boolean created;

    /**
     * @param docker the client
     * @param name the network's name
     */
    public PodNetwork(DockerClient docker, String name) {
        this.docker = docker;
        this.name = name;
    }

    /** @return the network's name, as containers refer to it */
    public String name() {
        return name;
    }

    /** @return true when the network is one pod4j created (labelled), so pod4j removes it when done */
    public boolean created() {
        return created;
    }

    /**
     * Makes sure exactly one network of this name exists; safe to call from several processes at
     * once and again after another engine removed the network.
     *
     * @return the network's gateway, the node's address on it, or 127.0.0.1 when Docker reports none
     */
    public synchronized String ensure() {
        List<Network> found = named();
        String refusal = null;
        if (found.isEmpty()) {
            try {
                docker.createNetworkCmd().withName(name).withDriver("bridge").withCheckDuplicate(true)
                        .withLabels(Map.of(Labels.MANAGED, "true")).exec();
                LOG.info("created Docker network {}", name);
            } catch (DockerException raced) {
                refusal = raced.getMessage();
                LOG.debug("network {} was created by someone else meanwhile: {}", name, raced.getMessage());
            }
            found = named();
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("network " + name + " is not among the engine's networks ("
                    + String.join(", ", docker.listNetworksCmd().exec().stream().map(Network::getName).toList())
                    + ") and could not be created" + (refusal == null ? "" : ": " + refusal.strip()));
        }
        Network keep = found.get(0);
        created = keep.getLabels() != null && "true".equals(keep.getLabels().get(Labels.MANAGED));
        for (Network extra : found.subList(1, found.size())) {
            try {
                docker.removeNetworkCmd(extra.getId()).exec();
                LOG.info("removed duplicate Docker network {} ({}), keeping {}", name, extra.getId(), keep.getId());
            } catch (DockerException inUseOrGone) {
                LOG.debug("duplicate network {} not removed: {}", extra.getId(), inUseOrGone.getMessage());
            }
        }
        var config = keep.getIpam() == null ? null : keep.getIpam().getConfig();
        if (config == null || config.isEmpty() || config.get(0).getGateway() == null) {
            return "127.0.0.1";
        }
        return config.get(0).getGateway();
    }

    /**
     * @param networks the networks of a container created on this one, as the engine lists them
     * @return the container's address on this network, or null when it has none
     */
    public String addressIn(Map<String, ContainerNetwork> networks) {
        if (networks == null || networks.isEmpty()) {
            return null;
        }
        ContainerNetwork on = networks.get(name);
        if (on == null && networks.size() == 1) {
            // Podman lists its default network under its own name (podman), whatever name it was asked for.
            on = networks.values().iterator().next();
        }
        return on == null ? null : on.getIpAddress();
    }

    /**
     * @return the networks with exactly this name, oldest first (docker-java keeps milliseconds; ties go by id).
     *     All networks are listed and matched here: Docker's name filter matches substrings, and
     *     Podman's matches its own names, so it finds nothing for {@code bridge}, which Podman's
     *     Docker API lists under that name for its default network {@code podman}.
     */
    private List<Network> named() {
        return docker.listNetworksCmd().exec().stream()
                .filter(n -> name.equals(n.getName()))
                .sorted(Comparator.comparing(Network::getCreated, Comparator.nullsFirst(Comparator.<java.util.Date>naturalOrder()))
                        .thenComparing(Network::getId))
                .toList();
    }
}
