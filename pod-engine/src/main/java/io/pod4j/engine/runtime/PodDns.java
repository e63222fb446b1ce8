package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A pod's resolv.conf as the kubelet composes it (pkg/kubelet/network/dns), for the sandbox's
 * {@code --dns}, {@code --dns-search} and {@code --dns-opt}; the pod's containers share it.
 *
 * <ul>
 * <li>{@code None}: only the pod's {@code dnsConfig}.
 * <li>{@code Default}: the node's resolv.conf, with {@code dnsConfig} appended (duplicates once,
 *     options of the same name replaced).
 * <li>{@code ClusterFirst} (not on the host's network) and {@code ClusterFirstWithHostNet}: the
 *     engine's cluster DNS server (io.pod4j.engine.network), search
 *     {@code NS.svc.cluster.local svc.cluster.local cluster.local} then the node's, {@code ndots:5},
 *     with {@code dnsConfig} appended. While the engine has no cluster DNS (no Service yet), as a
 *     kubelet without {@code clusterDNS}, it falls back to {@code Default} (that kubelet also
 *     records a {@code MissingClusterDNS} warning at every sync; pod4j does not).
 * </ul>
 * The result is cut to the kubelet's limits: 3 nameservers, 32 search domains of at most 253
 * characters and 2048 in all.
 */
final class PodDns {

    static final int MAX_NAMESERVERS = 3;
    static final int MAX_SEARCHES = 32;
    static final int MAX_SEARCH_CHARS = 2048;
    static final int MAX_DOMAIN_CHARS = 253;

    /** Lines of a resolv.conf. */
    record Settings(List<String> nameservers, List<String> searches, List<String> options) {
        static final Settings NONE = new Settings(List.of(), List.of(), List.of());

        Settings {
            nameservers = List.copyOf(nameservers);
            searches = List.copyOf(searches);
            options = List.copyOf(options);
        }
    }

    private PodDns() {
    }

    /**
     * @param pod the pod
     * @param node the node's resolv.conf, read only when the pod needs it
     * @param clusterDns the cluster DNS server's address, or null when there is none
     * @return the pod's resolv.conf; {@link Settings#NONE} when it is the node's as is, which is
     *     what Docker writes by default
     */
    static Settings of(Pod pod, java.util.function.Supplier<Settings> node, String clusterDns) {
        String policy = pod.getSpec().getDnsPolicy() == null ? "ClusterFirst" : pod.getSpec().getDnsPolicy();
        PodDNSConfig config = pod.getSpec().getDnsConfig();
        boolean none = "None".equals(policy);
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        boolean cluster = clusterDns != null
                && ("ClusterFirstWithHostNet".equals(policy) || "ClusterFirst".equals(policy) && !hostNetwork);
        if (!none && !cluster && config == null) {
            return Settings.NONE;
        }
        Settings base = none ? Settings.NONE : cluster ? cluster(pod, node.get(), clusterDns) : node.get();
        List<String> nameservers = new ArrayList<>(base.nameservers());
        List<String> searches = new ArrayList<>(base.searches());
        List<String> options = base.options();
        if (config != null) {
            nameservers.addAll(Nulls.orEmpty(config.getNameservers()));
            searches.addAll(Nulls.orEmpty(config.getSearches()));
            options = merge(options, Nulls.orEmpty(config.getOptions()));
        }
        List<String> servers = List.copyOf(new LinkedHashSet<>(nameservers));
        return new Settings(servers.size() > MAX_NAMESERVERS ? servers.subList(0, MAX_NAMESERVERS) : servers,
                fit(List.copyOf(new LinkedHashSet<>(searches))), options);
    }

    /**
     * @return the settings as Docker takes them: Docker fills an empty list from the host's file,
     *     so an empty search list of a pod that sets its own nameservers is Docker's {@code "."} (none)
     */
    static Settings forDocker(Settings pod) {
        if (pod.nameservers().isEmpty() || !pod.searches().isEmpty()) {
            return pod;
        }
        return new Settings(pod.nameservers(), List.of("."), pod.options());
    }

    /** The kubelet's ClusterFirst resolv.conf: the cluster's server, its search domains before the node's, ndots:5. */
    private static Settings cluster(Pod pod, Settings node, String clusterDns) {
        String domain = "cluster.local";
        List<String> searches = new ArrayList<>(List.of(pod.getMetadata().getNamespace() + ".svc." + domain, "svc." + domain, domain));
        searches.addAll(node.searches());
        return new Settings(List.of(clusterDns), searches, List.of("ndots:5"));
    }

    /** Options of the pod's dnsConfig replace the node's of the same name, in place; others follow. */
    private static List<String> merge(List<String> existing, List<PodDNSConfigOption> added) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String o : existing) {
            int colon = o.indexOf(':');
            byName.put(colon < 0 ? o : o.substring(0, colon), colon < 0 ? "" : o.substring(colon + 1));
        }
        for (PodDNSConfigOption o : added) {
            byName.put(o.getName(), o.getValue() == null ? "" : o.getValue());
        }
        List<String> out = new ArrayList<>();
        byName.forEach((name, value) -> out.add(value.isEmpty() ? name : name + ":" + value));
        return out;
    }

    /** The kubelet's search line limits: the first 32, none longer than 253, at most 2048 characters. */
    private static List<String> fit(List<String> searches) {
        List<String> out = new ArrayList<>();
        for (String s : searches.size() > MAX_SEARCHES ? searches.subList(0, MAX_SEARCHES) : searches) {
            if (s.length() <= MAX_DOMAIN_CHARS) {
                out.add(s);
            }
        }
        while (String.join(" ", out).length() > MAX_SEARCH_CHARS) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /**
     * Parses a resolv.conf as the kubelet does: nameserver lines add up, the last search and
     * options lines win, a search domain's trailing dot is dropped.
     */
    static Settings parse(String resolvConf) {
        List<String> nameservers = new ArrayList<>();
        List<String> searches = List.of();
        List<String> options = List.of();
        for (String line : resolvConf.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            if (fields.length < 2) {
                continue;
            }
            List<String> rest = List.of(fields).subList(1, fields.length);
            switch (fields[0]) {
                case "nameserver" -> nameservers.add(fields[1]);
                case "search" -> searches = rest.stream().map(s -> s.endsWith(".") ? s.substring(0, s.length() - 1) : s).toList();
                case "options" -> options = rest;
                default -> { }
            }
        }
        return new Settings(nameservers, searches, options);
    }

    /**
     * The node's resolv.conf: this machine's when the engine is local (systemd-resolved's upstream
     * file when /etc/resolv.conf names only its local stub, as Docker and kubeadm pick it); unknown
     * for a remote engine, whose own file Docker then fills in for what the pod leaves empty.
     */
    static Settings node(boolean localEngine) {
        if (!localEngine) {
            return Settings.NONE;
        }
        Settings etc = read(Path.of("/etc/resolv.conf"));
        if (!etc.nameservers().isEmpty() && etc.nameservers().stream().allMatch(n -> n.startsWith("127."))) {
            Settings upstream = read(Path.of("/run/systemd/resolve/resolv.conf"));
            if (!upstream.nameservers().isEmpty()) {
                return upstream;
            }
        }
        return etc;
    }

    private static Settings read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            return Settings.NONE;
        }
    }

    /** @return the sandbox's DNS settings for Docker (empty lists: Docker's default, the node's file) */
    static Settings sandbox(Pod pod, boolean localEngine, String clusterDns) {
        return forDocker(of(pod, () -> node(localEngine), clusterDns));
    }
}
