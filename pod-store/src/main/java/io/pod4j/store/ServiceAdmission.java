package io.pod4j.store;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.pod4j.api.validation.ObjectRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Service admission as the API server's (core/v1 defaults, {@code ValidateService} and
 * {@code ValidateServiceUpdate}, and the registry's keeping of allocated values on update): type
 * {@code ClusterIP}, ports' protocol {@code TCP} and {@code targetPort} the port, session affinity
 * {@code None}, traffic policies {@code Cluster}; the cluster IP and node ports are given by
 * {@link ServiceAllocation} when the store writes the Service, and the cluster IP never changes.
 */
final class ServiceAdmission implements Admission<Service> {

    static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SVC_NAME = Pattern.compile("[-a-z0-9]+");

    @Override
    public Service mutate(Operation operation, Service object, Service old) {
        Service s = (Service) ObjectRules.defaults(object);
        if (s.getSpec() == null) {
            s.setSpec(new ServiceSpec());
        }
        ServiceSpec spec = s.getSpec();
        if (spec.getType() == null || spec.getType().isEmpty()) {
            spec.setType("ClusterIP");
        }
        if (spec.getSessionAffinity() == null || spec.getSessionAffinity().isEmpty()) {
            spec.setSessionAffinity("None");
        }
        boolean externalName = "ExternalName".equals(spec.getType());
        if (!externalName && spec.getInternalTrafficPolicy() == null) {
            spec.setInternalTrafficPolicy("Cluster");
        }
        if (("NodePort".equals(spec.getType()) || "LoadBalancer".equals(spec.getType())) && spec.getExternalTrafficPolicy() == null) {
            spec.setExternalTrafficPolicy("Cluster");
        }
        for (ServicePort p : orEmpty(spec.getPorts())) {
            if (p.getProtocol() == null || p.getProtocol().isEmpty()) {
                p.setProtocol("TCP");
            }
            if (p.getTargetPort() == null || (p.getTargetPort().getStrVal() == null && p.getTargetPort().getIntVal() == null)
                    || Integer.valueOf(0).equals(p.getTargetPort().getIntVal())) {
                p.setTargetPort(new IntOrString(p.getPort()));
            }
        }
        if (old != null && old.getSpec() != null && !externalName) {
            keepAllocated(spec, old.getSpec());
        }
        return s;
    }

    /** As the registry's patchAllocatedValues: an update that leaves them out keeps the cluster IP and node ports. */
    private static void keepAllocated(ServiceSpec spec, ServiceSpec old) {
        if ((spec.getClusterIP() == null || spec.getClusterIP().isEmpty()) && old.getClusterIP() != null) {
            spec.setClusterIP(old.getClusterIP());
            spec.setClusterIPs(old.getClusterIPs());
        }
        if ("NodePort".equals(spec.getType()) || "LoadBalancer".equals(spec.getType())) {
            for (ServicePort p : orEmpty(spec.getPorts())) {
                if (p.getNodePort() == null || p.getNodePort() == 0) {
                    orEmpty(old.getPorts()).stream()
                            .filter(o -> Objects.equals(o.getPort(), p.getPort()) && Objects.equals(o.getProtocol(), p.getProtocol()))
                            .findFirst().ifPresent(o -> p.setNodePort(o.getNodePort()));
                }
            }
        }
    }

    @Override
    public List<FieldError> validate(Operation operation, Service object, Service old) {
        List<FieldError> errors = new ArrayList<>(ObjectAdmission.errors(ObjectRules.validate(object)));
        ServiceSpec spec = object.getSpec();
        if (!TYPES.contains(spec.getType())) {
            errors.add(new FieldError(FieldError.Type.NOT_SUPPORTED, "spec.type", "Unsupported value: \"" + spec.getType()
                    + "\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""));
        }
        boolean externalName = "ExternalName".equals(spec.getType());
        boolean headless = "None".equals(spec.getClusterIP());
        if (externalName && (spec.getExternalName() == null || spec.getExternalName().isEmpty())) {
            errors.add(FieldError.required("spec.externalName", ""));
        }
        if (headless && !"ClusterIP".equals(spec.getType()) && !externalName) {
            errors.add(FieldError.invalid("spec.clusterIPs[0]", "None", "may not be set to 'None' for " + spec.getType() + " services"));
        }
        List<ServicePort> ports = orEmpty(spec.getPorts());
        if (ports.isEmpty() && !externalName && !headless) {
            errors.add(FieldError.required("spec.ports", ""));
        }
        Set<String> names = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            errors.addAll(port(ports.get(i), "spec.ports[" + i + "]", ports.size() > 1, names, keys));
        }
        if (!"None".equals(spec.getSessionAffinity()) && !"ClientIP".equals(spec.getSessionAffinity())) {
            errors.add(new FieldError(FieldError.Type.NOT_SUPPORTED, "spec.sessionAffinity", "Unsupported value: \""
                    + spec.getSessionAffinity() + "\": supported values: \"ClientIP\", \"None\""));
        }
        if (old != null && old.getSpec() != null && !externalName && !"ExternalName".equals(old.getSpec().getType())
                && old.getSpec().getClusterIP() != null && !old.getSpec().getClusterIP().isEmpty()
                && !Objects.equals(spec.getClusterIP(), old.getSpec().getClusterIP())) {
            errors.add(FieldError.invalid("spec.clusterIP", spec.getClusterIP(), "field is immutable"));
        }
        return errors;
    }

    private static List<FieldError> port(ServicePort p, String path, boolean several, Set<String> names, Set<String> keys) {
        List<FieldError> errors = new ArrayList<>();
        String name = p.getName() == null ? "" : p.getName();
        if (several && name.isEmpty()) {
            errors.add(FieldError.required(path + ".name", ""));
        } else if (!name.isEmpty()) {
            if (!PORT_NAME.matcher(name).matches() || name.length() > 63) {
                errors.add(FieldError.invalid(path + ".name", name, "a DNS-1123 label must consist of lower case alphanumeric "
                        + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
                        + "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
            } else if (!names.add(name)) {
                errors.add(new FieldError(FieldError.Type.DUPLICATE, path + ".name", "Duplicate value: \"" + name + "\""));
            }
        }
        if (p.getPort() == null || p.getPort() < 1 || p.getPort() > 65535) {
            errors.add(FieldError.invalid(path + ".port", p.getPort() == null ? 0 : p.getPort(), "must be between 1 and 65535, inclusive"));
        }
        if (!PROTOCOLS.contains(p.getProtocol())) {
            errors.add(new FieldError(FieldError.Type.NOT_SUPPORTED, path + ".protocol", "Unsupported value: \""
                    + p.getProtocol() + "\": supported values: \"SCTP\", \"TCP\", \"UDP\""));
        } else if (p.getPort() != null && !keys.add(p.getPort() + "/" + p.getProtocol())) {
            errors.add(new FieldError(FieldError.Type.DUPLICATE, path, "Duplicate value: core.ServicePort{Name:\"" + name
                    + "\", Protocol:\"" + p.getProtocol() + "\", Port:" + p.getPort() + "}"));
        }
        IntOrString target = p.getTargetPort();
        if (target.getStrVal() != null) {
            String t = target.getStrVal();
            if (t.length() > 15 || !SVC_NAME.matcher(t).matches() || !t.matches(".*[a-z].*") || t.startsWith("-") || t.endsWith("-")
                    || t.contains("--")) {
                errors.add(FieldError.invalid(path + ".targetPort", t, "must contain only alpha-numeric characters (a-z, 0-9), "
                        + "and hyphens (-), at most 15 characters, contain at least one letter (a-z), not start or end with a hyphen, "
                        + "and hyphens cannot be adjacent to other hyphens (e.g. 'http', 'http-2')"));
            }
        } else if (target.getIntVal() < 1 || target.getIntVal() > 65535) {
            errors.add(FieldError.invalid(path + ".targetPort", target.getIntVal(), "must be between 1 and 65535, inclusive"));
        }
        return errors;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
