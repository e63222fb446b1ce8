package io.pod4j.controllers.endpoints;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.pod4j.controllers.Controller;
import io.pod4j.controllers.ObjectKey;
import io.pod4j.controllers.Result;
import io.pod4j.controllers.Watched;
import io.pod4j.controllers.endpointslice.EndpointSlices;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The Endpoints controller: keeps the core/v1 Endpoints object of each Service with a selector (same
 * name) as kube-controller-manager's: one address per selected pod with an IP that has neither
 * finished nor begun terminating, under {@code addresses} when Ready (or with
 * {@code publishNotReadyAddresses}), else {@code notReadyAddresses}, in subsets grouped by the
 * ports the pods resolve the Service's ports to. A Service without a selector keeps the Endpoints
 * its user writes; a deleted Service's Endpoints go.
 */
public final class EndpointsController implements Controller {

    private final ObjectStore store;

    /** @param store the store the Services, Pods and Endpoints live in */
    public EndpointsController(ObjectStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "endpoint-controller";
    }

    @Override
    public List<Watched<?>> watches() {
        return List.of(Watched.self(ResourceTypes.SERVICES),
                new Watched<>(ResourceTypes.PODS, e -> servicesOf(e.object())),
                new Watched<>(ResourceTypes.ENDPOINTS, e -> List.of(ObjectKey.of(ResourceTypes.SERVICES, e.object()))));
    }

    private List<ObjectKey> servicesOf(Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        List<ObjectKey> keys = new ArrayList<>();
        for (Service s : store.list(ResourceTypes.SERVICES, ListOptions.inNamespace(ns)).items()) {
            Map<String, String> selector = s.getSpec() == null ? null : s.getSpec().getSelector();
            boolean selects = selector != null && !selector.isEmpty()
                    && selector.entrySet().stream().allMatch(en -> en.getValue().equals(labels.get(en.getKey())));
            if (selects || listed(ns, s.getMetadata().getName(), pod.getMetadata().getName())) {
                keys.add(ObjectKey.of(ResourceTypes.SERVICES, s));
            }
        }
        return keys;
    }

    /** @return whether the Service's Endpoints still list the pod (it was relabelled away) */
    private boolean listed(String ns, String service, String pod) {
        return find(ResourceTypes.ENDPOINTS, ns, service).map(ep -> ep.getSubsets() == null ? false : ep.getSubsets().stream()
                .flatMap(s -> java.util.stream.Stream.concat(orEmpty(s.getAddresses()).stream(), orEmpty(s.getNotReadyAddresses()).stream()))
                .anyMatch(a -> a.getTargetRef() != null && pod.equals(a.getTargetRef().getName()))).orElse(false);
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Service service = find(ResourceTypes.SERVICES, key.namespace(), key.name()).orElse(null);
        Endpoints existing = find(ResourceTypes.ENDPOINTS, key.namespace(), key.name()).orElse(null);
        if (service == null || service.getMetadata().getDeletionTimestamp() != null) {
            if (existing != null) {
                try {
                    store.delete(ResourceTypes.ENDPOINTS, key.namespace(), key.name(), new DeleteOptions());
                } catch (StoreException gone) {
                    if (gone.code() != 404) {
                        throw gone;
                    }
                }
            }
            return Result.done();
        }
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty() || "ExternalName".equals(service.getSpec().getType())) {
            return Result.done(); // the user's to write
        }
        String labelSelector = selector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        List<Pod> pods = store.list(ResourceTypes.PODS, new ListOptions(key.namespace(), labelSelector, null, null)).items();
        List<EndpointSubset> subsets = subsets(service, pods);
        Map<String, String> labels = service.getMetadata().getLabels() == null ? null : new LinkedHashMap<>(service.getMetadata().getLabels());
        if (existing == null) {
            store.create(new EndpointsBuilder().withNewMetadata().withName(key.name()).withNamespace(key.namespace())
                    .withLabels(labels).endMetadata().withSubsets(subsets.isEmpty() ? null : subsets).build());
        } else if (!Objects.equals(orEmpty(existing.getSubsets()), subsets) || !Objects.equals(existing.getMetadata().getLabels(), labels)) {
            store.update(new EndpointsBuilder(existing).editMetadata().withLabels(labels).endMetadata()
                    .withSubsets(subsets.isEmpty() ? null : subsets).build());
        }
        return Result.done();
    }

    /** The Endpoints' subsets, pure: pods grouped by the ports they resolve to, addresses sorted by IP. */
    static List<EndpointSubset> subsets(Service service, List<Pod> pods) {
        boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        Map<List<EndpointPort>, List<List<EndpointAddress>>> byPorts = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (!EndpointSlices.qualifies(pod) || pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            List<EndpointPort> ports = new ArrayList<>();
            for (ServicePort sp : orEmpty(service.getSpec().getPorts())) {
                Integer number = EndpointSlices.resolve(pod, sp);
                if (number != null) {
                    ports.add(new EndpointPortBuilder().withName(sp.getName()).withPort(number).withProtocol(sp.getProtocol())
                            .withAppProtocol(sp.getAppProtocol()).build());
                }
            }
            if (ports.isEmpty()) {
                continue;
            }
            EndpointAddressBuilder a = new EndpointAddressBuilder().withIp(pod.getStatus().getPodIP())
                    .withNodeName(pod.getSpec().getNodeName())
                    .withTargetRef(new ObjectReferenceBuilder().withKind("Pod").withNamespace(pod.getMetadata().getNamespace())
                            .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).build());
            String hostname = pod.getSpec().getHostname();
            if (hostname != null && !hostname.isEmpty() && service.getMetadata().getName().equals(pod.getSpec().getSubdomain())) {
                a.withHostname(hostname);
            }
            var group = byPorts.computeIfAbsent(ports, k -> List.of(new ArrayList<>(), new ArrayList<>()));
            group.get(publishNotReady || EndpointSlices.podReady(pod) ? 0 : 1).add(a.build());
        }
        List<EndpointSubset> subsets = new ArrayList<>();
        byPorts.forEach((ports, addresses) -> {
            addresses.forEach(list -> list.sort(Comparator.comparing(EndpointAddress::getIp)));
            subsets.add(new EndpointSubsetBuilder().withAddresses(addresses.get(0).isEmpty() ? null : addresses.get(0))
                    .withNotReadyAddresses(addresses.get(1).isEmpty() ? null : addresses.get(1)).withPorts(ports).build());
        });
        return subsets;
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> java.util.Optional<T> find(
            io.pod4j.store.ResourceType<T> type, String ns, String name) {
        try {
            return java.util.Optional.of(store.get(type, ns, name));
        } catch (StoreException e) {
            if (e.code() == 404) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
