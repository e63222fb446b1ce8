package io.pod4j.kubernetes;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.pod4j.engine.docker.Labels;
import io.pod4j.engine.reaper.Owner;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespaces an engine works in on a cluster: one generated for the engine (the user's
 * {@code default}), and one more, named after it, for each other namespace the user's objects
 * name ({@code team-a} → {@code pod4j-x7k2m9-team-a}). Each is labelled {@code io.pod4j.managed}
 * with the engine and its owner, and carries a heartbeat the engine rewrites; any engine deletes
 * the namespaces of an owner that died ({@link StaleNamespaces}). Nothing is created outside them.
 */
final class EngineNamespaces {

    private static final Logger LOG = LoggerFactory.getLogger(EngineNamespaces.class);
    /** The engine's first namespace, on the namespaces it made for other names. */
    static final String ENGINE = "io.pod4j.engine";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String DEFAULT = "default";

    private final KubernetesClient client;
    private final ClusterErrors errors;
    private final Duration heartbeat;
    private final Owner owner = Owner.current();
    private final String base;
    private final Consumer<String> created;
    /** user's namespace → the cluster's, in creation order. */
    private final Map<String, String> names = new LinkedHashMap<>();
    private volatile boolean sweepForbidden;

    /**
     * @param created told of each namespace made (the engine starts watching it)
     */
    EngineNamespaces(KubernetesClient client, ClusterErrors errors, String prefix, Duration heartbeat, Consumer<String> created) {
        this.client = client;
        this.errors = errors;
        this.heartbeat = heartbeat;
        this.created = created;
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 6; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        this.base = id.toString();
    }

    /** @return the engine's own namespace, where the user's {@code default} goes */
    String base() {
        return base;
    }

    /**
     * @param namespace a namespace as the user's objects name it (null: default)
     * @return the cluster's namespace for it, created on first use
     */
    synchronized String cluster(String namespace) {
        String user = namespace == null || namespace.isEmpty() ? DEFAULT : namespace;
        String name = names.get(user);
        if (name == null) {
            name = nameFor(user);
            if (name.length() > 63) {
                throw new IllegalArgumentException("namespace \"" + user + "\" is too long for the cluster: the engine keeps it as \""
                        + name + "\", over the 63 characters of a namespace's name; use a shorter name or namespace prefix");
            }
            create(name);
            names.put(user, name);
            created.accept(name);
        }
        return name;
    }

    /**
     * @param namespace a namespace as the user's objects name it (null: default)
     * @return the cluster's name for it, whether made yet or not
     */
    String nameFor(String namespace) {
        String user = namespace == null || namespace.isEmpty() ? DEFAULT : namespace;
        return DEFAULT.equals(user) ? base : base + "-" + user;
    }

    /** @return the cluster's namespace for a user's namespace, if the engine made it */
    synchronized java.util.Optional<String> existing(String namespace) {
        return java.util.Optional.ofNullable(names.get(namespace == null || namespace.isEmpty() ? DEFAULT : namespace));
    }

    /** @return the user's name of one of the engine's namespaces on the cluster (itself when it is not the engine's) */
    synchronized String user(String clusterNamespace) {
        for (var e : names.entrySet()) {
            if (e.getValue().equals(clusterNamespace)) {
                return e.getKey();
            }
        }
        return clusterNamespace;
    }

    /** @return the cluster's names of the engine's namespaces */
    synchronized List<String> all() {
        return new ArrayList<>(names.values());
    }

    private void create(String name) {
        Namespace ns = new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels(Labels.MANAGED, "true")
                .addToLabels(ENGINE, base)
                .addToLabels(StaleNamespaces.OWNER, ownerLabel())
                .addToAnnotations(StaleNamespaces.OWNER, owner.id())
                .addToAnnotations(StaleNamespaces.HEARTBEAT, Instant.now().toString())
                .addToAnnotations(StaleNamespaces.HEARTBEAT_SECONDS, Long.toString(Math.max(1, heartbeat.toSeconds())))
                .endMetadata().build();
        errors.call("create", "namespaces", null, name, () -> client.namespaces().resource(ns).create());
        LOG.info("namespace {} created on {}", name, client.getMasterUrl());
    }

    /** Rewrites the heartbeat on every namespace of the engine. */
    void beat() {
        String patch = "{\"metadata\":{\"annotations\":{\"" + StaleNamespaces.HEARTBEAT + "\":\"" + Instant.now() + "\"}}}";
        for (String name : all()) {
            try {
                client.namespaces().withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            } catch (KubernetesClientException e) {
                LOG.warn("cannot write the heartbeat on namespace {}: {}", name, e.getMessage());
            }
        }
    }

    /** Deletes the namespaces of engines whose owner died (every engine does it; the first one wins). */
    void sweep() {
        if (sweepForbidden) {
            return;
        }
        List<Namespace> managed;
        try {
            managed = client.namespaces().withLabel(Labels.MANAGED, "true").list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                sweepForbidden = true;
                LOG.info("cannot list namespaces on {} (403 Forbidden): namespaces left by killed engines are not deleted by this one; "
                        + "grant \"list\" and \"delete\" on namespaces labelled {} to have them removed", client.getMasterUrl(), Labels.MANAGED);
            } else {
                LOG.warn("cannot list namespaces to find those of dead engines: {}", e.getMessage());
            }
            return;
        }
        List<String> mine = all();
        Instant now = Instant.now();
        for (Namespace ns : managed) {
            String name = ns.getMetadata().getName();
            if (mine.contains(name) || ns.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            StaleNamespaces.why(ns.getMetadata().getAnnotations(), now, o -> !o.isAliveHere()).ifPresent(why -> {
                LOG.info("deleting namespace {}, left by an engine that did not close it: {}", name, why);
                try {
                    client.namespaces().withName(name).delete();
                } catch (KubernetesClientException e) {
                    LOG.warn("cannot delete namespace {} of a dead engine: {}", name, e.getMessage());
                }
            });
        }
    }

    /**
     * Deletes the engine's namespaces (and so all in them), waiting until they are gone.
     *
     * @param timeout how long to wait; a namespace still there then is named in a warning, with why
     */
    void delete(Duration timeout) {
        List<String> mine = all();
        for (String name : mine) {
            try {
                client.namespaces().withName(name).delete();
            } catch (KubernetesClientException e) {
                LOG.warn("cannot delete namespace {}: {}", name, e.getMessage());
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String name : mine) {
            Namespace left = null;
            while (System.nanoTime() < deadline) {
                try {
                    left = client.namespaces().withName(name).get();
                } catch (KubernetesClientException e) {
                    break;
                }
                if (left == null) {
                    break;
                }
                sleep(Duration.ofMillis(200));
            }
            if (left != null) {
                LOG.warn("namespace {} is still {} {} s after the engine deleted it{}; see kubectl get namespace {} -o yaml "
                        + "(a finalizer no controller removes keeps it: remove it, or delete what it waits for)",
                        name, left.getStatus() == null ? "there" : left.getStatus().getPhase(), timeout.toSeconds(),
                        conditions(left), name);
            }
        }
    }

    private static String conditions(Namespace ns) {
        if (ns.getStatus() == null || ns.getStatus().getConditions() == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (NamespaceCondition c : ns.getStatus().getConditions()) {
            if ("True".equals(c.getStatus())) {
                sb.append(sb.length() == 0 ? ": " : "; ").append(c.getType()).append(" (").append(c.getMessage()).append(')');
            }
        }
        return sb.toString();
    }

    /** The owner as a label value (host_pid, 63 characters at most), for kubectl get ns -l. */
    private String ownerLabel() {
        String v = (owner.host() + "_" + owner.pid()).replaceAll("[^A-Za-z0-9_.-]", "-");
        v = v.length() > 63 ? v.substring(v.length() - 63) : v;
        return v.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
