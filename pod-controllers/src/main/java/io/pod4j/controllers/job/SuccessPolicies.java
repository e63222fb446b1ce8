package io.pod4j.controllers.job;

import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicy;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyRule;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * An Indexed Job's {@code successPolicy}, as the job controller's {@code matchSuccessPolicy}: the
 * first rule met decides. A rule with {@code succeededIndexes} is met when all of them succeeded,
 * or {@code succeededCount} of them; a rule with only {@code succeededCount}, when that many
 * indexes succeeded.
 */
final class SuccessPolicies {

    private SuccessPolicies() {
    }

    /** @return the SuccessCriteriaMet message ({@code Matched rules at index 0}) when a rule is met */
    static Optional<String> match(SuccessPolicy policy, int completions, TreeSet<Integer> succeeded) {
        if (policy == null || policy.getRules() == null || succeeded.isEmpty()) {
            return Optional.empty();
        }
        List<SuccessPolicyRule> rules = policy.getRules();
        for (int i = 0; i < rules.size(); i++) {
            SuccessPolicyRule rule = rules.get(i);
            Integer count = rule.getSucceededCount();
            if (rule.getSucceededIndexes() != null) {
                TreeSet<Integer> required = JobIndexes.parse(rule.getSucceededIndexes(), completions);
                if (required.isEmpty()) {
                    continue;
                }
                long contained = required.stream().filter(succeeded::contains).count();
                if (contained == required.size() || count != null && contained >= count) {
                    return Optional.of("Matched rules at index " + i);
                }
            } else if (count != null && succeeded.size() >= count) {
                return Optional.of("Matched rules at index " + i);
            }
        }
        return Optional.empty();
    }
}
