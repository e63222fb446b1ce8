package io.pod4j.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * An Indexed Job's bookkeeping on its pods, as the job controller keeps it: the completion index
 * and, with {@code backoffLimitPerIndex}, how often the index failed before the pod
 * ({@code job-index-failure-count}, and {@code job-index-ignored-failure-count} for failures an
 * Ignore rule left out); index sets written as ranges ({@code 0-2,4}).
 */
final class JobIndexes {

    static final String INDEX = "batch.kubernetes.io/job-completion-index";
    static final String FAILURE_COUNT = "batch.kubernetes.io/job-index-failure-count";
    static final String IGNORED_FAILURE_COUNT = "batch.kubernetes.io/job-index-ignored-failure-count";

    private JobIndexes() {
    }

    static Optional<Integer> index(Pod p) {
        return annotation(p, INDEX);
    }

    /** @return the failures of the pod's index before it (0 without the annotation) */
    static int failureCount(Pod p) {
        return annotation(p, FAILURE_COUNT).orElse(0);
    }

    static int ignoredFailureCount(Pod p) {
        return annotation(p, IGNORED_FAILURE_COUNT).orElse(0);
    }

    private static Optional<Integer> annotation(Pod p, String key) {
        Map<String, String> a = p.getMetadata().getAnnotations();
        String v = a == null ? null : a.get(key);
        try {
            return v == null ? Optional.empty() : Optional.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** As the Job's {@code completedIndexes} and {@code failedIndexes}: {@code 0-2,4}. */
    static String ranges(TreeSet<Integer> indexes) {
        StringBuilder b = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (int i : indexes) {
            if (start == null) {
                start = i;
            } else if (i != prev + 1) {
                append(b, start, prev);
                start = i;
            }
            prev = i;
        }
        if (start != null) {
            append(b, start, prev);
        }
        return b.toString();
    }

    private static void append(StringBuilder b, int start, int end) {
        if (b.length() > 0) {
            b.append(',');
        }
        b.append(start == end ? Integer.toString(start) : start + "-" + end);
    }

    /**
     * @param ranges e.g. {@code 0-2,4}
     * @return the indexes below {@code completions}; empty when the text is malformed (admission refuses it)
     */
    static TreeSet<Integer> parse(String ranges, int completions) {
        TreeSet<Integer> out = new TreeSet<>();
        if (ranges == null || ranges.isEmpty()) {
            return out;
        }
        try {
            for (String part : ranges.split(",")) {
                String[] ends = part.split("-", -1);
                int from = Integer.parseInt(ends[0]);
                int to = ends.length > 1 ? Integer.parseInt(ends[1]) : from;
                for (int i = from; i <= to && i < completions; i++) {
                    out.add(i);
                }
            }
        } catch (NumberFormatException e) {
            return new TreeSet<>();
        }
        return out;
    }
}
