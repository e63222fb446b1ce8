package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an engine observed of a Pod.
 *
 * <p>Fields are named as in Kubernetes' {@code PodStatus}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param phase Kubernetes field {@code phase}
 * @param conditions Kubernetes field {@code conditions}
 * @param message Kubernetes field {@code message}
 * @param reason Kubernetes field {@code reason}
 * @param nominatedNodeName Kubernetes field {@code nominatedNodeName}
 * @param hostIP Kubernetes field {@code hostIP}
 * @param hostIPs Kubernetes field {@code hostIPs}
 * @param podIP Kubernetes field {@code podIP}
 * @param podIPs Kubernetes field {@code podIPs}
 * @param startTime Kubernetes field {@code startTime}
 * @param initContainerStatuses Kubernetes field {@code initContainerStatuses}
 * @param containerStatuses Kubernetes field {@code containerStatuses}
 * @param qosClass Kubernetes field {@code qosClass}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"phase", "conditions", "message", "reason", "nominatedNodeName", "hostIP", "hostIPs", "podIP", "podIPs", "startTime", "initContainerStatuses", "containerStatuses", "qosClass"})
public record PodStatus(
        String phase,
        List<PodCondition> conditions,
        String message,
        String reason,
        String nominatedNodeName,
        String hostIP,
        List<HostIP> hostIPs,
        String podIP,
        List<PodIP> podIPs,
        Instant startTime,
        List<ContainerStatus> initContainerStatuses,
        List<ContainerStatus> containerStatuses,
        String qosClass) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public PodStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        hostIPs = hostIPs == null ? List.of() : List.copyOf(hostIPs);
        podIPs = podIPs == null ? List.of() : List.copyOf(podIPs);
        initContainerStatuses = initContainerStatuses == null ? List.of() : List.copyOf(initContainerStatuses);
        containerStatuses = containerStatuses == null ? List.of() : List.copyOf(containerStatuses);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.phase = phase;
        b.conditions = new ArrayList<>(conditions);
        b.message = message;
        b.reason = reason;
        b.nominatedNodeName = nominatedNodeName;
        b.hostIP = hostIP;
        b.hostIPs = new ArrayList<>(hostIPs);
        b.podIP = podIP;
        b.podIPs = new ArrayList<>(podIPs);
        b.startTime = startTime;
        b.initContainerStatuses = new ArrayList<>(initContainerStatuses);
        b.containerStatuses = new ArrayList<>(containerStatuses);
        b.qosClass = qosClass;
        return b;
    }

    /** Builds a {@link PodStatus}; every setter returns the builder. */
    public static final class Builder {
        private String phase;
        private List<PodCondition> conditions = new ArrayList<>();
        private String message;
        private String reason;
        private String nominatedNodeName;
        private String hostIP;
        private List<HostIP> hostIPs = new ArrayList<>();
        private String podIP;
        private List<PodIP> podIPs = new ArrayList<>();
        private Instant startTime;
        private List<ContainerStatus> initContainerStatuses = new ArrayList<>();
        private List<ContainerStatus> containerStatuses = new ArrayList<>();
        private String qosClass;

        private Builder() {
        }

        /** Sets {@code phase}. @param phase the value, or null for none @return this builder */
        public Builder phase(String phase) {
            this.phase = phase;
            return this;
        }

        /** Sets {@code conditions}, replacing what was set. @param conditions the new list @return this builder */
        public Builder conditions(List<PodCondition> conditions) {
            this.conditions = new ArrayList<>(conditions);
            return this;
        }

        /** Appends to {@code conditions}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addConditions(PodCondition... values) {
            this.conditions.addAll(List.of(values));
            return this;
        }

        /** Sets {@code message}. @param message the value, or null for none @return this builder */
        public Builder message(String message) {
            this.message = message;
            return this;
        }

        /** Sets {@code reason}. @param reason the value, or null for none @return this builder */
        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        /** Sets {@code nominatedNodeName}. @param nominatedNodeName the value, or null for none @return this builder */
        public Builder nominatedNodeName(String nominatedNodeName) {
            this.nominatedNodeName = nominatedNodeName;
            return this;
        }

        /** Sets {@code hostIP}. @param hostIP the value, or null for none @return this builder */
        public Builder hostIP(String hostIP) {
            this.hostIP = hostIP;
            return this;
        }

        /** Sets {@code hostIPs}, replacing what was set. @param hostIPs the new list @return this builder */
        public Builder hostIPs(List<HostIP> hostIPs) {
            this.hostIPs = new ArrayList<>(hostIPs);
            return this;
        }

        /** Appends to {@code hostIPs}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addHostIPs(HostIP... values) {
            this.hostIPs.addAll(List.of(values));
            return this;
        }

        /** Sets {@code podIP}. @param podIP the value, or null for none @return this builder */
        public Builder podIP(String podIP) {
            this.podIP = podIP;
            return this;
        }

        /** Sets {@code podIPs}, replacing what was set. @param podIPs the new list @return this builder */
        public Builder podIPs(List<PodIP> podIPs) {
            this.podIPs = new ArrayList<>(podIPs);
            return this;
        }

        /** Appends to {@code podIPs}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addPodIPs(PodIP... values) {
            this.podIPs.addAll(List.of(values));
            return this;
        }

        /** Sets {@code startTime}. @param startTime the value, or null for none @return this builder */
        public Builder startTime(Instant startTime) {
            this.startTime = startTime;
            return this;
        }

        /** Sets {@code initContainerStatuses}, replacing what was set. @param initContainerStatuses the new list @return this builder */
        public Builder initContainerStatuses(List<ContainerStatus> initContainerStatuses) {
            this.initContainerStatuses = new ArrayList<>(initContainerStatuses);
            return this;
        }

        /** Appends to {@code initContainerStatuses}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addInitContainerStatuses(ContainerStatus... values) {
            this.initContainerStatuses.addAll(List.of(values));
            return this;
        }

        /** Sets {@code containerStatuses}, replacing what was set. @param containerStatuses the new list @return this builder */
        public Builder containerStatuses(List<ContainerStatus> containerStatuses) {
            this.containerStatuses = new ArrayList<>(containerStatuses);
            return this;
        }

        /** Appends to {@code containerStatuses}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addContainerStatuses(ContainerStatus... values) {
            this.containerStatuses.addAll(List.of(values));
            return this;
        }

        /** Sets {@code qosClass}. @param qosClass the value, or null for none @return this builder */
        public Builder qosClass(String qosClass) {
            this.qosClass = qosClass;
            return this;
        }

        /** @return the PodStatus */
        public PodStatus build() {
            return new PodStatus(phase, conditions, message, reason, nominatedNodeName, hostIP, hostIPs, podIP, podIPs, startTime, initContainerStatuses, containerStatuses, qosClass);
        }
    }
}
