package io.pod4j.apiserver.table;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/** The rows of the smaller core/v1 kinds, as a cluster prints them. */
final class CorePrinters {

    private CorePrinters() {
    }

    /** A printer made of its columns and a function from object and now to cells. */
    private record Simple(List<Column> columns, BiFunction<HasMetadata, Instant, List<Object>> cells) implements Printer {
        @Override
        public Row row(HasMetadata object, Instant now) {
            return new Row(cells.apply(object, now), List.of());
        }
    }

    static final Printer CONFIG_MAPS = new Simple(
            List.of(Column.objectName(), Column.string("Data", "The number of keys in data and binaryData."), Column.created()),
            (o, now) -> {
                ConfigMap cm = (ConfigMap) o;
                long keys = size(cm.getData()) + size(cm.getBinaryData());
                return List.of(name(o), keys, age(o, now));
            });

    static final Printer SECRETS = new Simple(
            List.of(Column.objectName(), Column.string("Type", "Used to facilitate programmatic handling of secret data."),
                    Column.string("Data", "The number of keys in data."), Column.created()),
            (o, now) -> {
                Secret s = (Secret) o;
                return List.of(name(o), s.getType() == null ? "" : s.getType(), (long) size(s.getData()), age(o, now));
            });

    static final Printer NAMESPACES = new Simple(
            List.of(Column.objectName(), Column.string("Status", "The status of the namespace"), Column.created()),
            (o, now) -> {
                Namespace ns = (Namespace) o;
                String phase = ns.getStatus() == null || ns.getStatus().getPhase() == null ? "" : ns.getStatus().getPhase();
                return List.of(name(o), phase, age(o, now));
            });

    static final Printer SERVICE_ACCOUNTS = new Simple(
            List.of(Column.objectName(), Column.string("Secrets", "The number of secrets listed (secrets)."), Column.created()),
            (o, now) -> List.of(name(o), (long) ((ServiceAccount) o).getSecrets().size(), age(o, now)));

    static final Printer SERVICES = new Simple(
            List.of(Column.objectName(), Column.string("Type", "How the service is exposed (spec.type)."),
                    Column.string("Cluster-IP", "The service's first cluster IP."),
                    Column.string("External-IP", "The service's external addresses."),
                    Column.string("Port(s)", "The service's ports, with node ports."), Column.created(),
                    Column.wide("Selector", "The labels of the pods the service routes to.")),
            (o, now) -> {
                Service svc = (Service) o;
                ServiceSpec spec = svc.getSpec() == null ? new ServiceSpec() : svc.getSpec();
                String clusterIp = spec.getClusterIPs().isEmpty() ? "<none>" : spec.getClusterIPs().get(0);
                List<String> ports = new ArrayList<>();
                for (ServicePort p : spec.getPorts()) {
                    String protocol = p.getProtocol() == null ? "" : p.getProtocol();
                    ports.add(p.getNodePort() != null && p.getNodePort() > 0
                            ? p.getPort() + ":" + p.getNodePort() + "/" + protocol : p.getPort() + "/" + protocol);
                }
                return List.of(name(o), spec.getType() == null ? "" : spec.getType(), clusterIp, externalIp(svc),
                        ports.isEmpty() ? "<none>" : String.join(",", ports), age(o, now), labels(spec.getSelector()));
            });

    static final Printer ENDPOINTS = new Simple(
            List.of(Column.objectName(), Column.string("Endpoints", "Up to three addresses with their ports."), Column.created()),
            (o, now) -> List.of(name(o), endpoints((Endpoints) o), age(o, now)));

    static final Printer ENDPOINT_SLICES = new Simple(
            List.of(Column.objectName(), Column.string("AddressType", "addressType specifies the type of address carried"
                    + " by this EndpointSlice. All addresses in this slice must be the same type."),
                    Column.string("Ports", "ports specifies the list of network ports exposed by each endpoint in this"
                            + " slice."),
                    Column.string("Endpoints", "endpoints is a list of unique endpoints in this slice."), Column.created()),
            (o, now) -> {
                EndpointSlice slice = (EndpointSlice) o;
                List<String> ports = new ArrayList<>();
                for (io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort p : slice.getPorts()) {
                    ports.add(p.getPort() != null ? String.valueOf(p.getPort()) : p.getName() != null ? p.getName() : "*");
                }
                List<String> addresses = new ArrayList<>();
                for (Endpoint e : slice.getEndpoints()) {
                    addresses.addAll(e.getAddresses());
                }
                return List.of(name(o), nullToEmpty(slice.getAddressType()), firstThree(ports), firstThree(addresses),
                        age(o, now));
            });

    /** coordination.k8s.io/v1 Leases (the nodes' heartbeats), as a cluster prints them: NAME, HOLDER, AGE. */
    static final Printer LEASES = new Simple(
            List.of(Column.objectName(), Column.string("Holder", "holderIdentity contains the identity of the holder of a"
                    + " current lease. If Coordinated Leader Election is used, the holder identity must be equal to the"
                    + " elected LeaseCandidate.metadata.name field."), Column.created()),
            (o, now) -> {
                Object spec = ((io.fabric8.kubernetes.api.model.GenericKubernetesResource) o).getAdditionalProperties().get("spec");
                Object holder = spec instanceof Map<?, ?> m ? m.get("holderIdentity") : null;
                return List.of(name(o), holder == null ? "" : holder.toString(), age(o, now));
            });

    static final Printer PERSISTENT_VOLUME_CLAIMS = new Simple(
            List.of(Column.objectName(), Column.string("Status", "The claim's phase."),
                    Column.string("Volume", "The volume bound to the claim."),
                    Column.string("Capacity", "The capacity of the bound volume."),
                    Column.string("Access Modes", "The access modes of the bound volume."),
                    Column.string("StorageClass", "StorageClass of the pvc"),
                    Column.string("VolumeAttributesClass", "VolumeAttributesClass of the pvc"), Column.created(),
                    Column.wide("VolumeMode", "Whether the volume is a filesystem or a block device.")),
            (o, now) -> {
                PersistentVolumeClaim pvc = (PersistentVolumeClaim) o;
                var spec = pvc.getSpec() == null ? new io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec()
                        : pvc.getSpec();
                var status = pvc.getStatus();
                String phase = pvc.getMetadata().getDeletionTimestamp() != null ? "Terminating"
                        : status == null || status.getPhase() == null ? "" : status.getPhase();
                String volume = spec.getVolumeName() == null ? "" : spec.getVolumeName();
                String capacity = "";
                String modes = "";
                if (!volume.isEmpty() && status != null) {
                    modes = accessModes(status.getAccessModes());
                    Quantity q = status.getCapacity() == null ? null : status.getCapacity().get("storage");
                    capacity = q == null ? "0" : q.toString();
                }
                String storageClass = pvc.getMetadata().getAnnotations() != null
                        && pvc.getMetadata().getAnnotations().containsKey("volume.beta.kubernetes.io/storage-class")
                        ? pvc.getMetadata().getAnnotations().get("volume.beta.kubernetes.io/storage-class")
                        : spec.getStorageClassName() == null ? "" : spec.getStorageClassName();
                return List.of(name(o), phase, volume, capacity, modes, storageClass,
                        orUnset(spec.getVolumeAttributesClassName()), age(o, now), orUnset(spec.getVolumeMode()));
            });

    static final Printer PERSISTENT_VOLUMES = new Simple(
            List.of(Column.objectName(), Column.string("Capacity", "The volume's storage capacity."),
                    Column.string("Access Modes", "The volume's access modes."),
                    Column.string("Reclaim Policy", "What happens to the volume when released from its claim."),
                    Column.string("Status", "The volume's phase."), Column.string("Claim", "The claim bound to it."),
                    Column.string("StorageClass", "StorageClass of the pv"),
                    Column.string("VolumeAttributesClass", "VolumeAttributesClass of the pv"),
                    Column.string("Reason", "Why the volume is in its phase."), Column.created(),
                    Column.wide("VolumeMode", "Whether the volume is a filesystem or a block device.")),
            (o, now) -> {
                PersistentVolume pv = (PersistentVolume) o;
                var spec = pv.getSpec() == null ? new io.fabric8.kubernetes.api.model.PersistentVolumeSpec() : pv.getSpec();
                String claim = spec.getClaimRef() == null ? ""
                        : nullToEmpty(spec.getClaimRef().getNamespace()) + "/" + nullToEmpty(spec.getClaimRef().getName());
                Quantity q = spec.getCapacity() == null ? null : spec.getCapacity().get("storage");
                String phase = pv.getMetadata().getDeletionTimestamp() != null ? "Terminating"
                        : pv.getStatus() == null ? "" : nullToEmpty(pv.getStatus().getPhase());
                String storageClass = pv.getMetadata().getAnnotations() != null
                        && pv.getMetadata().getAnnotations().containsKey("volume.beta.kubernetes.io/storage-class")
                        ? pv.getMetadata().getAnnotations().get("volume.beta.kubernetes.io/storage-class")
                        : nullToEmpty(spec.getStorageClassName());
                return List.of(name(o), q == null ? "0" : q.toString(), accessModes(spec.getAccessModes()),
                        nullToEmpty(spec.getPersistentVolumeReclaimPolicy()), phase, claim, storageClass,
                        orUnset(spec.getVolumeAttributesClassName()),
                        pv.getStatus() == null ? "" : nullToEmpty(pv.getStatus().getReason()), age(o, now),
                        orUnset(spec.getVolumeMode()));
            });

    static final Printer STORAGE_CLASSES = new Simple(
            List.of(Column.objectName(), Column.string("Provisioner", "Indicates the type of the provisioner."),
                    Column.string("ReclaimPolicy", "Indicates the type of the reclaim policy."),
                    Column.string("VolumeBindingMode", "Indicates when volume binding and dynamic provisioning should occur."),
                    Column.string("AllowVolumeExpansion", "Indicates whether the storage class allow volume expand."),
                    Column.created()),
            (o, now) -> {
                var sc = (io.fabric8.kubernetes.api.model.storage.StorageClass) o;
                var a = sc.getMetadata().getAnnotations();
                boolean isDefault = a != null && ("true".equals(a.get("storageclass.kubernetes.io/is-default-class"))
                        || "true".equals(a.get("storageclass.beta.kubernetes.io/is-default-class")));
                return List.of(name(o) + (isDefault ? " (default)" : ""), nullToEmpty(sc.getProvisioner()),
                        sc.getReclaimPolicy() == null ? "Delete" : sc.getReclaimPolicy(),
                        sc.getVolumeBindingMode() == null ? "Immediate" : sc.getVolumeBindingMode(),
                        String.valueOf(Boolean.TRUE.equals(sc.getAllowVolumeExpansion())), age(o, now));
            });

    static final Printer CONTROLLER_REVISIONS = new Simple(
            List.of(Column.objectName(), Column.string("Controller", "Controller of the object"),
                    new Column("Revision", "integer", "", 0, "Revision of the ControllerRevision"), Column.created()),
            (o, now) -> {
                var r = (io.fabric8.kubernetes.api.model.apps.ControllerRevision) o;
                String controller = "<none>";
                for (var ref : r.getMetadata().getOwnerReferences() == null ? List.<io.fabric8.kubernetes.api.model.OwnerReference>of()
                        : r.getMetadata().getOwnerReferences()) {
                    if (Boolean.TRUE.equals(ref.getController())) {
                        String api = ref.getApiVersion() == null ? "" : ref.getApiVersion();
                        String group = api.contains("/") ? api.substring(0, api.indexOf('/')) : "";
                        controller = (ref.getKind() + (group.isEmpty() ? "" : "." + group)).toLowerCase(java.util.Locale.ROOT)
                                + "/" + ref.getName();
                    }
                }
                return List.of(name(o), controller, r.getRevision() == null ? 0L : r.getRevision(), age(o, now));
            });

    /** What the API server answers for a kind without a printer (custom resources): NAME and CREATED AT. */
    static final Printer DEFAULT = new Simple(
            List.of(Column.objectName(), new Column("Created At", "date", "", 0,
                    "CreationTimestamp is a timestamp representing the server time when this object was created.")),
            (o, now) -> List.of(name(o), nullToEmpty(o.getMetadata().getCreationTimestamp())));

    private static String name(HasMetadata o) {
        return nullToEmpty(o.getMetadata().getName());
    }

    private static String age(HasMetadata o, Instant now) {
        return Printer.since(o.getMetadata().getCreationTimestamp(), now);
    }

    private static int size(Map<?, ?> map) {
        return map == null ? 0 : map.size();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String orUnset(String s) {
        return s == null ? "<unset>" : s;
    }

    private static String labels(Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return "<none>";
        }
        List<String> pairs = new ArrayList<>();
        new TreeMap<>(selector).forEach((k, v) -> pairs.add(k + "=" + v));
        return String.join(",", pairs);
    }

    /** As kubectl's access-mode abbreviations, in its fixed order. */
    private static String accessModes(List<String> modes) {
        Set<String> set = new LinkedHashSet<>(modes == null ? List.of() : modes);
        List<String> out = new ArrayList<>();
        if (set.contains("ReadWriteOnce")) {
            out.add("RWO");
        }
        if (set.contains("ReadOnlyMany")) {
            out.add("ROX");
        }
        if (set.contains("ReadWriteMany")) {
            out.add("RWX");
        }
        if (set.contains("ReadWriteOncePod")) {
            out.add("RWOP");
        }
        return String.join(",", out);
    }

    private static String externalIp(Service svc) {
        ServiceSpec spec = svc.getSpec() == null ? new ServiceSpec() : svc.getSpec();
        String type = spec.getType() == null ? "" : spec.getType();
        List<String> external = spec.getExternalIPs();
        switch (type) {
            case "ClusterIP", "NodePort" -> {
                return external.isEmpty() ? "<none>" : String.join(",", external);
            }
            case "LoadBalancer" -> {
                Set<String> lb = new LinkedHashSet<>();
                if (svc.getStatus() != null && svc.getStatus().getLoadBalancer() != null) {
                    for (LoadBalancerIngress i : svc.getStatus().getLoadBalancer().getIngress()) {
                        if (i.getIp() != null && !i.getIp().isEmpty()) {
                            lb.add(i.getIp());
                        } else if (i.getHostname() != null && !i.getHostname().isEmpty()) {
                            lb.add(i.getHostname());
                        }
                    }
                }
                List<String> all = new ArrayList<>(lb);
                all.addAll(external);
                return all.isEmpty() ? "<pending>" : String.join(",", all);
            }
            case "ExternalName" -> {
                return nullToEmpty(spec.getExternalName());
            }
            default -> {
                return "<unknown>";
            }
        }
    }

    /** @return up to three values and {@code + N more...}, {@code <unset>} for none, as the slice printer writes them */
    private static String firstThree(List<String> values) {
        if (values.isEmpty()) {
            return "<unset>";
        }
        String shown = String.join(",", values.subList(0, Math.min(3, values.size())));
        return values.size() > 3 ? shown + " + " + (values.size() - 3) + " more..." : shown;
    }

    private static String endpoints(Endpoints endpoints) {
        if (endpoints.getSubsets().isEmpty()) {
            return "<none>";
        }
        List<String> list = new ArrayList<>();
        int count = 0;
        for (EndpointSubset subset : endpoints.getSubsets()) {
            if (subset.getPorts().isEmpty()) {
                count += subset.getAddresses().size();
                for (EndpointAddress a : subset.getAddresses()) {
                    if (list.size() < 3) {
                        list.add(a.getIp());
                    }
                }
                continue;
            }
            for (EndpointPort port : subset.getPorts()) {
                count += subset.getAddresses().size();
                for (EndpointAddress a : subset.getAddresses()) {
                    if (list.size() < 3) {
                        String ip = a.getIp() == null ? "" : a.getIp();
                        list.add((ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port.getPort());
                    }
                }
            }
        }
        String joined = String.join(",", list);
        return count > 3 ? joined + " + " + (count - 3) + " more..." : joined;
    }
}
