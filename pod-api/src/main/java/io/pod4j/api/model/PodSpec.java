package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Pod should run and how.
 *
 * <p>Fields are named as in Kubernetes' {@code PodSpec}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param initContainers Kubernetes field {@code initContainers}
 * @param containers Kubernetes field {@code containers}
 * @param volumes Kubernetes field {@code volumes}
 * @param restartPolicy Kubernetes field {@code restartPolicy}
 * @param terminationGracePeriodSeconds Kubernetes field {@code terminationGracePeriodSeconds}
 * @param activeDeadlineSeconds Kubernetes field {@code activeDeadlineSeconds}
 * @param dnsPolicy Kubernetes field {@code dnsPolicy}
 * @param nodeSelector Kubernetes field {@code nodeSelector}
 * @param serviceAccountName Kubernetes field {@code serviceAccountName}
 * @param nodeName Kubernetes field {@code nodeName}
 * @param hostNetwork Kubernetes field {@code hostNetwork}
 * @param hostPID Kubernetes field {@code hostPID}
 * @param hostIPC Kubernetes field {@code hostIPC}
 * @param shareProcessNamespace Kubernetes field {@code shareProcessNamespace}
 * @param securityContext Kubernetes field {@code securityContext}
 * @param hostname Kubernetes field {@code hostname}
 * @param subdomain Kubernetes field {@code subdomain}
 * @param affinity Kubernetes field {@code affinity}
 * @param schedulerName Kubernetes field {@code schedulerName}
 * @param tolerations Kubernetes field {@code tolerations}
 * @param hostAliases Kubernetes field {@code hostAliases}
 * @param priority Kubernetes field {@code priority}
 * @param enableServiceLinks Kubernetes field {@code enableServiceLinks}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"initContainers", "containers", "volumes", "restartPolicy", "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy", "nodeSelector", "serviceAccountName", "nodeName", "hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "securityContext", "hostname", "subdomain", "affinity", "schedulerName", "tolerations", "hostAliases", "priority", "enableServiceLinks"})
public record PodSpec(
        List<Container> initContainers,
        List<Container> containers,
        List<Volume> volumes,
        String restartPolicy,
        Long terminationGracePeriodSeconds,
        Long activeDeadlineSeconds,
        String dnsPolicy,
        Map<String, String> nodeSelector,
        String serviceAccountName,
        String nodeName,
        Boolean hostNetwork,
        Boolean hostPID,
        Boolean hostIPC,
        Boolean shareProcessNamespace,
        PodSecurityContext securityContext,
        String hostname,
        String subdomain,
        Affinity affinity,
        String schedulerName,
        List<Toleration> tolerations,
        List<HostAlias> hostAliases,
        Integer priority,
        Boolean enableServiceLinks) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public PodSpec {
        initContainers = initContainers == null ? List.of() : List.copyOf(initContainers);
        containers = containers == null ? List.of() : List.copyOf(containers);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        nodeSelector = nodeSelector == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(nodeSelector));
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
        hostAliases = hostAliases == null ? List.of() : List.copyOf(hostAliases);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.initContainers = new ArrayList<>(initContainers);
        b.containers = new ArrayList<>(containers);
        b.volumes = new ArrayList<>(volumes);
        b.restartPolicy = restartPolicy;
        b.terminationGracePeriodSeconds = terminationGracePeriodSeconds;
        b.activeDeadlineSeconds = activeDeadlineSeconds;
        b.dnsPolicy = dnsPolicy;
        b.nodeSelector = new LinkedHashMap<>(nodeSelector);
        b.serviceAccountName = serviceAccountName;
        b.nodeName = nodeName;
        b.hostNetwork = hostNetwork;
        b.hostPID = hostPID;
        b.hostIPC = hostIPC;
        b.shareProcessNamespace = shareProcessNamespace;
        b.securityContext = securityContext;
        b.hostname = hostname;
        b.subdomain = subdomain;
        b.affinity = affinity;
        b.schedulerName = schedulerName;
        b.tolerations = new ArrayList<>(tolerations);
        b.hostAliases = new ArrayList<>(hostAliases);
        b.priority = priority;
        b.enableServiceLinks = enableServiceLinks;
        return b;
    }

    /** Builds a {@link PodSpec}; every setter returns the builder. */
    public static final class Builder {
        private List<Container> initContainers = new ArrayList<>();
        private List<Container> containers = new ArrayList<>();
        private List<Volume> volumes = new ArrayList<>();
        private String restartPolicy;
        private Long terminationGracePeriodSeconds;
        private Long activeDeadlineSeconds;
        private String dnsPolicy;
        private Map<String, String> nodeSelector = new LinkedHashMap<>();
        private String serviceAccountName;
        private String nodeName;
        private Boolean hostNetwork;
        private Boolean hostPID;
        private Boolean hostIPC;
        private Boolean shareProcessNamespace;
        private PodSecurityContext securityContext;
        private String hostname;
        private String subdomain;
        private Affinity affinity;
        private String schedulerName;
        private List<Toleration> tolerations = new ArrayList<>();
        private List<HostAlias> hostAliases = new ArrayList<>();
        private Integer priority;
        private Boolean enableServiceLinks;

        private Builder() {
        }

        /** Sets {@code initContainers}, replacing what was set. @param initContainers the new list @return this builder */
        public Builder initContainers(List<Container> initContainers) {
            this.initContainers = new ArrayList<>(initContainers);
            return this;
        }

        /** Appends to {@code initContainers}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addInitContainers(Container... values) {
            this.initContainers.addAll(List.of(values));
            return this;
        }

        /** Sets {@code containers}, replacing what was set. @param containers the new list @return this builder */
        public Builder containers(List<Container> containers) {
            this.containers = new ArrayList<>(containers);
            return this;
        }

        /** Appends to {@code containers}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addContainers(Container... values) {
            this.containers.addAll(List.of(values));
            return this;
        }

        /** Sets {@code volumes}, replacing what was set. @param volumes the new list @return this builder */
        public Builder volumes(List<Volume> volumes) {
            this.volumes = new ArrayList<>(volumes);
            return this;
        }

        /** Appends to {@code volumes}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addVolumes(Volume... values) {
            this.volumes.addAll(List.of(values));
            return this;
        }

        /** Sets {@code restartPolicy}. @param restartPolicy the value, or null for none @return this builder */
        public Builder restartPolicy(String restartPolicy) {
            this.restartPolicy = restartPolicy;
            return this;
        }

        /** Sets {@code terminationGracePeriodSeconds}. @param terminationGracePeriodSeconds the value, or null for none @return this builder */
        public Builder terminationGracePeriodSeconds(Long terminationGracePeriodSeconds) {
            this.terminationGracePeriodSeconds = terminationGracePeriodSeconds;
            return this;
        }

        /** Sets {@code activeDeadlineSeconds}. @param activeDeadlineSeconds the value, or null for none @return this builder */
        public Builder activeDeadlineSeconds(Long activeDeadlineSeconds) {
            this.activeDeadlineSeconds = activeDeadlineSeconds;
            return this;
        }

        /** Sets {@code dnsPolicy}. @param dnsPolicy the value, or null for none @return this builder */
        public Builder dnsPolicy(String dnsPolicy) {
            this.dnsPolicy = dnsPolicy;
            return this;
        }

        /** Sets {@code nodeSelector}, replacing what was set. @param nodeSelector the new map @return this builder */
        public Builder nodeSelector(Map<String, String> nodeSelector) {
            this.nodeSelector = new LinkedHashMap<>(nodeSelector);
            return this;
        }

        /** Puts one entry into {@code nodeSelector}. @param key the key @param value the value @return this builder */
        public Builder putNodeSelector(String key, String value) {
            this.nodeSelector.put(key, value);
            return this;
        }

        /** Sets {@code serviceAccountName}. @param serviceAccountName the value, or null for none @return this builder */
        public Builder serviceAccountName(String serviceAccountName) {
            this.serviceAccountName = serviceAccountName;
            return this;
        }

        /** Sets {@code nodeName}. @param nodeName the value, or null for none @return this builder */
        public Builder nodeName(String nodeName) {
            this.nodeName = nodeName;
            return this;
        }

        /** Sets {@code hostNetwork}. @param hostNetwork the value, or null for none @return this builder */
        public Builder hostNetwork(Boolean hostNetwork) {
            this.hostNetwork = hostNetwork;
            return this;
        }

        /** Sets {@code hostPID}. @param hostPID the value, or null for none @return this builder */
        public Builder hostPID(Boolean hostPID) {
            this.hostPID = hostPID;
            return this;
        }

        /** Sets {@code hostIPC}. @param hostIPC the value, or null for none @return this builder */
        public Builder hostIPC(Boolean hostIPC) {
            this.hostIPC = hostIPC;
            return this;
        }

        /** Sets {@code shareProcessNamespace}. @param shareProcessNamespace the value, or null for none @return this builder */
        public Builder shareProcessNamespace(Boolean shareProcessNamespace) {
            this.shareProcessNamespace = shareProcessNamespace;
            return this;
        }

        /** Sets {@code securityContext}. @param securityContext the value, or null for none @return this builder */
        public Builder securityContext(PodSecurityContext securityContext) {
            this.securityContext = securityContext;
            return this;
        }

        /** Sets {@code hostname}. @param hostname the value, or null for none @return this builder */
        public Builder hostname(String hostname) {
            this.hostname = hostname;
            return this;
        }

        /** Sets {@code subdomain}. @param subdomain the value, or null for none @return this builder */
        public Builder subdomain(String subdomain) {
            this.subdomain = subdomain;
            return this;
        }

        /** Sets {@code affinity}. @param affinity the value, or null for none @return this builder */
        public Builder affinity(Affinity affinity) {
            this.affinity = affinity;
            return this;
        }

        /** Sets {@code schedulerName}. @param schedulerName the value, or null for none @return this builder */
        public Builder schedulerName(String schedulerName) {
            this.schedulerName = schedulerName;
            return this;
        }

        /** Sets {@code tolerations}, replacing what was set. @param tolerations the new list @return this builder */
        public Builder tolerations(List<Toleration> tolerations) {
            this.tolerations = new ArrayList<>(tolerations);
            return this;
        }

        /** Appends to {@code tolerations}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addTolerations(Toleration... values) {
            this.tolerations.addAll(List.of(values));
            return this;
        }

        /** Sets {@code hostAliases}, replacing what was set. @param hostAliases the new list @return this builder */
        public Builder hostAliases(List<HostAlias> hostAliases) {
            this.hostAliases = new ArrayList<>(hostAliases);
            return this;
        }

        /** Appends to {@code hostAliases}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addHostAliases(HostAlias... values) {
            this.hostAliases.addAll(List.of(values));
            return this;
        }

        /** Sets {@code priority}. @param priority the value, or null for none @return this builder */
        public Builder priority(Integer priority) {
            this.priority = priority;
            return this;
        }

        /** Sets {@code enableServiceLinks}. @param enableServiceLinks the value, or null for none @return this builder */
        public Builder enableServiceLinks(Boolean enableServiceLinks) {
            this.enableServiceLinks = enableServiceLinks;
            return this;
        }

        /** @return the PodSpec */
        public PodSpec build() {
            return new PodSpec(initContainers, containers, volumes, restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, hostPID, hostIPC, shareProcessNamespace, securityContext, hostname, subdomain, affinity, schedulerName, tolerations, hostAliases, priority, enableServiceLinks);
        }
    }
}
