package io.pod4j.controllers.job;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.util.ArrayList;
import java.util.List;

/**
 * A Job's {@code podFailurePolicy} applied to one failed pod, as the job controller's
 * {@code matchPodFailurePolicy}: the first rule that matches decides (FailJob, FailIndex, Ignore, Count); no
 * rule matching counts the failure. Exit codes of 0 never match; {@code onPodConditions} match a
 * condition of that type and status (default True).
 */
final class PodFailurePolicies {

    /** What a failed pod means for its Job. */
    enum Action { FAIL_JOB, FAIL_INDEX, IGNORE, COUNT }

    /** @param message for FailJob, the Failed condition's message */
    record Decision(Action action, String message) {
    }

    private static final Decision COUNT = new Decision(Action.COUNT, null);

    private PodFailurePolicies() {
    }

    static Decision evaluate(PodFailurePolicy policy, Pod pod) {
        if (policy == null || policy.getRules() == null) {
            return COUNT;
        }
        List<PodFailurePolicyRule> rules = policy.getRules();
        for (int i = 0; i < rules.size(); i++) {
            PodFailurePolicyRule rule = rules.get(i);
            String matched = matches(rule, pod);
            if (matched == null) {
                continue;
            }
            String pod0 = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
            return switch (rule.getAction()) {
                case "FailJob" -> new Decision(Action.FAIL_JOB, matched.replace("%POD%", pod0) + " matching FailJob rule at index " + i);
                case "FailIndex" -> new Decision(Action.FAIL_INDEX, null);
                case "Ignore" -> new Decision(Action.IGNORE, null);
                default -> COUNT;
            };
        }
        return COUNT;
    }

    /** @return the first words of the message when the rule matches the pod, else null */
    private static String matches(PodFailurePolicyRule rule, Pod pod) {
        PodFailurePolicyOnExitCodesRequirement codes = rule.getOnExitCodes();
        if (codes != null) {
            for (ContainerStatus c : statuses(pod)) {
                if (codes.getContainerName() != null && !codes.getContainerName().equals(c.getName())) {
                    continue;
                }
                if (c.getState() == null || c.getState().getTerminated() == null) {
                    continue;
                }
                int code = c.getState().getTerminated().getExitCode() == null ? 0 : c.getState().getTerminated().getExitCode();
                if (code == 0) {
                    continue;
                }
                boolean in = codes.getValues() != null && codes.getValues().contains(code);
                if ("In".equals(codes.getOperator()) == in) {
                    return "Container " + c.getName() + " for pod %POD% failed with exit code " + code;
                }
            }
            return null;
        }
        if (rule.getOnPodConditions() != null && pod.getStatus() != null && pod.getStatus().getConditions() != null) {
            for (PodFailurePolicyOnPodConditionsPattern p : rule.getOnPodConditions()) {
                String status = p.getStatus() == null ? "True" : p.getStatus();
                for (PodCondition c : pod.getStatus().getConditions()) {
                    if (c.getType().equals(p.getType()) && status.equals(c.getStatus())) {
                        return "Pod %POD% has condition " + c.getType();
                    }
                }
            }
        }
        return null;
    }

    private static List<ContainerStatus> statuses(Pod pod) {
        List<ContainerStatus> all = new ArrayList<>();
        if (pod.getStatus() != null) {
            if (pod.getStatus().getInitContainerStatuses() != null) {
                all.addAll(pod.getStatus().getInitContainerStatuses());
            }
            if (pod.getStatus().getContainerStatuses() != null) {
                all.addAll(pod.getStatus().getContainerStatuses());
            }
        }
        return all;
    }
}
