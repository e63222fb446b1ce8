package io.pod4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.api.yaml.Manifests;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API server's rules for dnsConfig, seccompProfile and pod-level resources, in its words. */
class PodFieldRulesTest {

    private static List<String> problems(String spec) {
        return PodValidator.validate(PodDefaults.apply(Manifests.loadPod("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                """ + spec.indent(2) + """
                  containers: [{name: a, image: x}]
                """))).stream().map(Violation::toString).toList();
    }

    @Test
    void policyNoneNeedsADnsConfigWithANameserver() {
        assertThat(problems("dnsPolicy: None")).containsExactly(
                "spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None");
        assertThat(problems("dnsPolicy: None\ndnsConfig: {searches: [a.example]}")).containsExactly(
                "spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None");
    }

    @Test
    void dnsConfigIsHeldToTheKubeletsLimits() {
        assertThat(problems("dnsConfig: {nameservers: [1.1.1.1, 1.0.0.1, 8.8.8.8, 9.9.9.9]}")).containsExactly(
                "spec.dnsConfig.nameservers: Invalid value: []string{\"1.1.1.1\", \"1.0.0.1\", \"8.8.8.8\", \"9.9.9.9\"}:"
                        + " must not have more than 3 nameservers");
        assertThat(problems("dnsConfig: {nameservers: [dns.example]}")).containsExactly(
                "spec.dnsConfig.nameservers[0]: Invalid value: \"dns.example\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
        assertThat(problems("dnsConfig: {searches: [ok.example., Bad_Domain], options: [{value: \"1\"}]}")).containsExactly(
                "spec.dnsConfig.searches[1]: Invalid value: \"Bad_Domain\": a lowercase RFC 1123 subdomain must consist of lower"
                        + " case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
                        + " (e.g. 'example.com', regex used for validation is"
                        + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "spec.dnsConfig.options[0]: Required value: must not be empty");
    }

    @Test
    void aLocalhostSeccompProfileNeedsARelativePathWithoutDotDot() {
        assertThat(problems("securityContext: {seccompProfile: {type: Localhost}}")).containsExactly(
                "spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost");
        assertThat(problems("securityContext: {seccompProfile: {type: Localhost, localhostProfile: ../etc/x.json}}")).containsExactly(
                "spec.securityContext.seccompProfile.localhostProfile: Invalid value: \"../etc/x.json\": must not contain '..'");
        assertThat(problems("securityContext: {seccompProfile: {type: RuntimeDefault, localhostProfile: x.json}}")).containsExactly(
                "spec.securityContext.seccompProfile.localhostProfile: Invalid value: \"x.json\":"
                        + " can only be set when seccomp type is Localhost");
    }

    @Test
    void aSeccompTypeMustBeKnown() {
        assertThat(problems("securityContext: {seccompProfile: {type: Strict}}")).containsExactly(
                "spec.securityContext.seccompProfile.type: Unsupported value: \"Strict\": supported values: \"Localhost\","
                        + " \"RuntimeDefault\", \"Unconfined\"");
    }

    @Test
    void podLevelRequestsMayNotExceedThePodsLimits() {
        assertThat(problems("resources: {requests: {cpu: \"2\"}, limits: {cpu: \"1\"}}")).containsExactly(
                "spec.resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1");
        assertThat(problems("resources: {requests: {memory: 32Mi}, limits: {memory: 64Mi}}")).isEmpty();
    }
}
