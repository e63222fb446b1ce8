package io.pod4j.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.pod4j.controllers.Controller;
import io.pod4j.controllers.ObjectKey;
import io.pod4j.controllers.OwnerRefs;
import io.pod4j.controllers.Result;
import io.pod4j.controllers.Watched;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The EndpointSlice controller: keeps each Service's {@code discovery.k8s.io/v1} EndpointSlices
 * (labelled {@code kubernetes.io/service-name} and managed-by {@code endpointslice-controller.k8s.io},
 * owned by the Service) equal to what {@link EndpointSlices#desired} says, updating a slice in
 * place where its ports match, creating ({@code generateName: <service>-}) and deleting the rest.
 * A Service without a selector, or an ExternalName one, has no managed slices.
 */
public final class EndpointSliceController implements Controller {

    static final String HEADLESS = "service.kubernetes.io/headless";

    private final ObjectStore store;

    /** @param store the store the Services, Pods and slices live in */
    public EndpointSliceController(ObjectStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "endpointslice-controller";
    }

    @Override
    public List<Watched<?>> watches() {
        return List.of(Watched.self(ResourceTypes.SERVICES),
                new Watched<>(ResourceTypes.PODS, e -> servicesOf(e.object())),
                new Watched<>(ResourceTypes.ENDPOINT_SLICES, e -> {
                    Map<String, String> labels = e.object().getMetadata().getLabels();
                    String service = labels == null ? null : labels.get(EndpointSlices.SERVICE_NAME);
                    return service == null || !EndpointSlices.CONTROLLER.equals(labels.get(EndpointSlices.MANAGED_BY)) ? List.of()
                            : List.of(new ObjectKey(ResourceTypes.SERVICES, e.object().getMetadata().getNamespace(), service));
                }));
    }

    /** The Services of the pod's namespace that select it, and those whose slices still list it (relabelled away). */
    private List<ObjectKey> servicesOf(Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        Set<String> names = new LinkedHashSet<>();
        for (Service s : store.list(ResourceTypes.SERVICES, ListOptions.inNamespace(ns)).items()) {
            Map<String, String> selector = s.getSpec() == null ? null : s.getSpec().getSelector();
            Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
            if (selector != null && !selector.isEmpty() && selector.entrySet().stream()
                    .allMatch(en -> en.getValue().equals(labels.get(en.getKey())))) {
                names.add(s.getMetadata().getName());
            }
        }
        for (EndpointSlice slice : store.list(ResourceTypes.ENDPOINT_SLICES, ListOptions.inNamespace(ns)).items()) {
            for (var e : orEmpty(slice.getEndpoints())) {
                if (e.getTargetRef() != null && pod.getMetadata().getName().equals(e.getTargetRef().getName())
                        && slice.getMetadata().getLabels() != null) {
                    String service = slice.getMetadata().getLabels().get(EndpointSlices.SERVICE_NAME);
                    if (service != null) {
                        names.add(service);
                    }
                }
            }
        }
        return names.stream().map(n -> new ObjectKey(ResourceTypes.SERVICES, ns, n)).toList();
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Service service;
        try {
            service = store.get(ResourceTypes.SERVICES, key.namespace(), key.name());
        } catch (StoreException e) {
            if (e.code() != 404) {
                throw e;
            }
            service = null;
        }
        List<EndpointSlice> existing = new ArrayList<>(store.list(ResourceTypes.ENDPOINT_SLICES, new ListOptions(key.namespace(),
                EndpointSlices.SERVICE_NAME + "=" + key.name() + "," + EndpointSlices.MANAGED_BY + "=" + EndpointSlices.CONTROLLER,
                null, null)).items());
        Map<String, String> selector = service == null ? null : service.getSpec().getSelector();
        boolean managed = service != null && service.getMetadata().getDeletionTimestamp() == null && selector != null
                && !selector.isEmpty() && !"ExternalName".equals(service.getSpec().getType());
        if (managed) {
            String labelSelector = selector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
            List<Pod> pods = store.list(ResourceTypes.PODS, new ListOptions(key.namespace(), labelSelector, null, null)).items();
            for (EndpointSlices.Group group : EndpointSlices.desired(service, pods)) {
                EndpointSlice match = existing.stream().filter(s -> Objects.equals(orEmpty(s.getPorts()), group.ports()))
                        .findFirst().orElse(null);
                if (match == null) {
                    store.create(slice(service, group, null));
                } else {
                    existing.remove(match);
                    EndpointSlice wanted = slice(service, group, match);
                    if (!Objects.equals(wanted.getEndpoints(), match.getEndpoints())
                            || !Objects.equals(wanted.getMetadata().getLabels(), match.getMetadata().getLabels())) {
                        store.update(wanted);
                    }
                }
            }
        }
        for (EndpointSlice extra : existing) {
            try {
                store.delete(ResourceTypes.ENDPOINT_SLICES, extra.getMetadata().getNamespace(), extra.getMetadata().getName(),
                        new DeleteOptions());
            } catch (StoreException gone) {
                if (gone.code() != 404) {
                    throw gone;
                }
            }
        }
        return Result.done();
    }

    private static EndpointSlice slice(Service service, EndpointSlices.Group group, EndpointSlice existing) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (service.getMetadata().getLabels() != null) {
            labels.putAll(service.getMetadata().getLabels());
        }
        labels.put(EndpointSlices.SERVICE_NAME, service.getMetadata().getName());
        labels.put(EndpointSlices.MANAGED_BY, EndpointSlices.CONTROLLER);
        if ("None".equals(service.getSpec().getClusterIP())) {
            labels.put(HEADLESS, "");
        }
        EndpointSliceBuilder b = existing == null
                ? new EndpointSliceBuilder().withNewMetadata().withGenerateName(service.getMetadata().getName() + "-")
                        .withNamespace(service.getMetadata().getNamespace())
                        .withOwnerReferences(OwnerRefs.controllerRef(ResourceTypes.SERVICES, service)).endMetadata()
                : new EndpointSliceBuilder(existing);
        return b.editMetadata().withLabels(labels).endMetadata()
                .withAddressType("IPv4")
                .withEndpoints(group.endpoints())
                .withPorts(group.ports())
                .build();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
