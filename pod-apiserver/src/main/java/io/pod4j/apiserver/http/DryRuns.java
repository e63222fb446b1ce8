package io.pod4j.apiserver.http;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code dryRun} option of a write ({@code CreateOptions}, {@code UpdateOptions},
 * {@code PatchOptions}, {@code DeleteOptions}): absent, or {@code All}, the only value the API
 * server supports; anything else is refused as its option validation words it.
 */
final class DryRuns {

    static final String ALL = "All";

    private DryRuns() {
    }

    /** @return whether the request's {@code dryRun} parameters ask for a dry run; 422 for a value other than All */
    static boolean of(Exchange ex, String optionsKind) {
        return requested(ex.params("dryRun"), optionsKind);
    }

    /** @return whether these {@code dryRun} values ask for a dry run; 422 for a value other than All */
    static boolean requested(List<String> values, String optionsKind) {
        List<String> given = values == null ? List.of() : values.stream().filter(v -> !v.isEmpty()).toList();
        if (given.isEmpty()) {
            return false;
        }
        if (!given.stream().allMatch(ALL::equals)) {
            throw new ApiException(HttpStatuses.invalid(optionsKind + ".meta.k8s.io \"\" is invalid: dryRun: "
                    + "Unsupported value: []string{" + given.stream().map(v -> '"' + v + '"')
                    .collect(Collectors.joining(", ")) + "}: supported values: \"All\""));
        }
        return true;
    }
}
