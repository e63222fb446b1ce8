package io.pod4j.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the EndpointSlice controller decides for one Service (pkg/controller/endpointslice), pure:
 * the Service's endpoints, one per selected pod that has an IP and is not terminal (terminating
 * pods stay, marked {@code terminating}), grouped by the ports they resolve to, as slices of at
 * most 100 endpoints. {@code ready} is the pod's Ready condition unless it is terminating,
 * {@code serving} the Ready condition alone; {@code publishNotReadyAddresses} makes both true.
 */
public final class EndpointSlices {

    /** The label naming a slice's Service. */
    public static final String SERVICE_NAME = "kubernetes.io/service-name";
    /** The label naming the slice's manager. */
    public static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
    /** This controller's value of {@link #MANAGED_BY}. */
    public static final String CONTROLLER = "endpointslice-controller.k8s.io";
    static final int MAX_ENDPOINTS = 100;

    /**
     * One slice's content.
     *
     * @param ports the ports, in the Service's order
     * @param endpoints the endpoints, by pod name
     */
    public record Group(List<EndpointPort> ports, List<Endpoint> endpoints) {
    }

    private EndpointSlices() {
    }

    /**
     * @param service a Service with a selector
     * @param pods the pods of its namespace that match the selector
     * @return the slices it should have; one without endpoints or ports when no pod qualifies
     *     (the controller's placeholder slice)
     */
    public static List<Group> desired(Service service, List<Pod> pods) {
        boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        Map<List<EndpointPort>, List<Endpoint>> byPorts = new LinkedHashMap<>();
        List<Pod> sorted = new ArrayList<>(pods);
        sorted.sort(Comparator.comparing(p -> p.getMetadata().getName()));
        for (Pod pod : sorted) {
            if (!qualifies(pod)) {
                continue;
            }
            List<EndpointPort> ports = new ArrayList<>();
            for (ServicePort sp : orEmpty(service.getSpec().getPorts())) {
                Integer number = resolve(pod, sp);
                if (number != null) {
                    ports.add(new EndpointPortBuilder().withName(sp.getName() == null ? "" : sp.getName())
                            .withProtocol(sp.getProtocol()).withPort(number).withAppProtocol(sp.getAppProtocol()).build());
                }
            }
            byPorts.computeIfAbsent(ports, k -> new ArrayList<>()).add(endpoint(service, pod, publishNotReady));
        }
        List<Group> groups = new ArrayList<>();
        byPorts.forEach((ports, endpoints) -> {
            for (int i = 0; i < endpoints.size(); i += MAX_ENDPOINTS) {
                groups.add(new Group(ports, List.copyOf(endpoints.subList(i, Math.min(endpoints.size(), i + MAX_ENDPOINTS)))));
            }
        });
        if (groups.isEmpty()) {
            groups.add(new Group(List.of(), List.of()));
        }
        return groups;
    }

    /** @return whether the pod belongs in endpoints at all: it has an IP and has not finished */
    public static boolean qualifies(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getPodIP() == null || pod.getStatus().getPodIP().isEmpty()) {
            return false;
        }
        String phase = pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    /** @return the port a service port reaches on the pod: a number as is, a name by the pod's container ports */
    public static Integer resolve(Pod pod, ServicePort sp) {
        IntOrString target = sp.getTargetPort() == null ? new IntOrString(sp.getPort()) : sp.getTargetPort();
        if (target.getStrVal() == null) {
            return target.getIntVal();
        }
        for (var c : orEmpty(pod.getSpec().getContainers())) {
            for (ContainerPort p : orEmpty(c.getPorts())) {
                String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
                if (target.getStrVal().equals(p.getName()) && protocol.equals(sp.getProtocol())) {
                    return p.getContainerPort();
                }
            }
        }
        return null;
    }

    private static Endpoint endpoint(Service service, Pod pod, boolean publishNotReady) {
        boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
        boolean ready = podReady(pod);
        EndpointBuilder e = new EndpointBuilder()
                .withAddresses(pod.getStatus().getPodIP())
                .withNewConditions()
                        .withReady(publishNotReady || (ready && !terminating))
                        .withServing(publishNotReady || ready)
                        .withTerminating(terminating)
                .endConditions()
                .withNodeName(pod.getSpec().getNodeName())
                .withTargetRef(new ObjectReferenceBuilder().withKind("Pod").withNamespace(pod.getMetadata().getNamespace())
                        .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).build());
        String hostname = pod.getSpec().getHostname();
        if (hostname != null && !hostname.isEmpty() && service.getMetadata().getName().equals(pod.getSpec().getSubdomain())) {
            e.withHostname(hostname);
        }
        return e.build();
    }

    /** @return whether the pod's Ready condition is True */
    public static boolean podReady(Pod pod) {
        for (PodCondition c : orEmpty(pod.getStatus().getConditions())) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
