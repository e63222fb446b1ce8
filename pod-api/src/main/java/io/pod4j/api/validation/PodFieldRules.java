package io.pod4j.api.validation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The API server's validation of the spec fields the engine acts on beside the containers:
 * {@code dnsConfig} (validatePodDNSConfig), {@code seccompProfile} (validateSeccompProfileField)
 * and pod-level {@code resources} requests against limits, in its words.
 */
final class PodFieldRules {

    static final int MAX_NAMESERVERS = 3;
    static final int MAX_SEARCHES = 32;
    static final int MAX_SEARCH_CHARS = 2048;
    private static final Set<String> SECCOMP_TYPES = Set.of("Localhost", "RuntimeDefault", "Unconfined");

    private final List<Violation> violations = new ArrayList<>();

    private PodFieldRules() {
    }

    /** @return the violations of the spec's dnsConfig, seccomp profiles and pod-level resources */
    static List<Violation> validate(PodSpec s) {
        PodFieldRules r = new PodFieldRules();
        r.dns(s.getDnsPolicy(), s.getDnsConfig());
        if (s.getSecurityContext() != null) {
            r.seccomp("spec.securityContext.seccompProfile", s.getSecurityContext().getSeccompProfile());
        }
        r.containers("spec.initContainers", s.getInitContainers());
        r.containers("spec.containers", s.getContainers());
        if (s.getResources() != null) {
            r.requestsWithinLimits("spec.resources.requests", s.getResources().getRequests(), s.getResources().getLimits());
        }
        return List.copyOf(r.violations);
    }

    private void containers(String path, List<Container> containers) {
        for (int i = 0; containers != null && i < containers.size(); i++) {
            Container c = containers.get(i);
            if (c.getSecurityContext() != null) {
                seccomp(path + "[" + i + "].securityContext.seccompProfile", c.getSecurityContext().getSeccompProfile());
            }
        }
    }

    private void dns(String policy, PodDNSConfig config) {
        if ("None".equals(policy)) {
            if (config == null) {
                add("spec.dnsConfig", "Required value: must provide `dnsConfig` when `dnsPolicy` is None");
                return;
            }
            if (config.getNameservers() == null || config.getNameservers().isEmpty()) {
                add("spec.dnsConfig.nameservers", "Required value: must provide at least one DNS nameserver when `dnsPolicy` is None");
                return;
            }
        }
        if (config == null) {
            return;
        }
        List<String> nameservers = config.getNameservers() == null ? List.of() : config.getNameservers();
        if (nameservers.size() > MAX_NAMESERVERS) {
            add("spec.dnsConfig.nameservers", "Invalid value: " + goList(nameservers) + ": must not have more than "
                    + MAX_NAMESERVERS + " nameservers");
        }
        for (int i = 0; i < nameservers.size(); i++) {
            if (!isIp(nameservers.get(i))) {
                add("spec.dnsConfig.nameservers[" + i + "]", "Invalid value: \"" + nameservers.get(i)
                        + "\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
            }
        }
        List<String> searches = config.getSearches() == null ? List.of() : config.getSearches();
        if (searches.size() > MAX_SEARCHES) {
            add("spec.dnsConfig.searches", "Invalid value: " + goList(searches) + ": must not have more than "
                    + MAX_SEARCHES + " search paths");
        }
        if (String.join(" ", searches).length() > MAX_SEARCH_CHARS) {
            add("spec.dnsConfig.searches", "Invalid value: " + goList(searches) + ": must not have more than "
                    + MAX_SEARCH_CHARS + " characters (including spaces) in the search list");
        }
        for (int i = 0; i < searches.size(); i++) {
            String search = searches.get(i).endsWith(".") ? searches.get(i).substring(0, searches.get(i).length() - 1) : searches.get(i);
            for (String e : NameRules.dns1123Subdomain(search)) {
                add("spec.dnsConfig.searches[" + i + "]", "Invalid value: \"" + search + "\": " + e);
            }
        }
        for (int i = 0; config.getOptions() != null && i < config.getOptions().size(); i++) {
            var o = config.getOptions().get(i);
            if (o == null || o.getName() == null || o.getName().isEmpty()) {
                add("spec.dnsConfig.options[" + i + "]", "Required value: must not be empty");
            }
        }
    }

    private void seccomp(String path, SeccompProfile p) {
        if (p == null) {
            return;
        }
        if (p.getType() == null || p.getType().isEmpty()) {
            add(path + ".type", "Required value");
            return;
        }
        if (!SECCOMP_TYPES.contains(p.getType())) {
            add(path + ".type", "Unsupported value: \"" + p.getType()
                    + "\": supported values: \"Localhost\", \"RuntimeDefault\", \"Unconfined\"");
            return;
        }
        String local = p.getLocalhostProfile();
        if ("Localhost".equals(p.getType())) {
            if (local == null) {
                add(path + ".localhostProfile", "Required value: must be set when seccomp type is Localhost");
            } else if (local.startsWith("/")) {
                add(path + ".localhostProfile", "Invalid value: \"" + local + "\": must be a relative path");
            } else if (List.of(local.split("/")).contains("..")) {
                add(path + ".localhostProfile", "Invalid value: \"" + local + "\": must not contain '..'");
            }
        } else if (local != null) {
            add(path + ".localhostProfile", "Invalid value: \"" + local + "\": can only be set when seccomp type is Localhost");
        }
    }

    private void requestsWithinLimits(String path, Map<String, Quantity> requests, Map<String, Quantity> limits) {
        if (requests == null || limits == null) {
            return;
        }
        for (Map.Entry<String, Quantity> r : requests.entrySet()) {
            Quantity limit = limits.get(r.getKey());
            if (limit != null && amount(r.getValue()).compareTo(amount(limit)) > 0) {
                add(path, "Invalid value: \"" + r.getValue() + "\": must be less than or equal to " + r.getKey()
                        + " limit of " + limit);
            }
        }
    }

    private static BigDecimal amount(Quantity q) {
        return Quantity.getAmountInBytes(q);
    }

    private static boolean isIp(String s) {
        if (s.matches("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)")) {
            return true;
        }
        return s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
    }

    /** A list as Go's {@code %#v} prints a {@code []string}. */
    private static String goList(List<String> items) {
        return items.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(", ", "[]string{", "}"));
    }

    private void add(String path, String message) {
        violations.add(new Violation(path, message));
    }
}
