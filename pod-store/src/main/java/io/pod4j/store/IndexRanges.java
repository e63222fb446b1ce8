package io.pod4j.store;

/**
 * An Indexed Job's index ranges ({@code 0-2,4}: a successPolicy's {@code succeededIndexes}), read
 * as the API server's {@code validateIndexesFormat} reads them, with its error messages.
 */
final class IndexRanges {

    private IndexRanges() {
    }

    /**
     * @return how many indexes the text names
     * @throws IllegalArgumentException in the API server's words, e.g. {@code too large index: "7"}
     */
    static int count(String ranges, int completions) {
        if (ranges.isEmpty()) {
            return 0;
        }
        Integer last = null;
        int total = 0;
        for (String interval : ranges.split(",", -1)) {
            String[] ends = interval.split("-", -1);
            if (ends.length > 2) {
                throw new IllegalArgumentException("the fragment \"" + interval
                        + "\" violates the requirement that an index interval can have at most two parts separated by '-'");
            }
            int x = index(ends[0], completions);
            int y = x;
            if (ends.length > 1) {
                y = index(ends[1], completions);
                if (x >= y) {
                    throw new IllegalArgumentException("non-increasing order, previous: " + x + ", current: " + y);
                }
            }
            if (last != null && last >= x) {
                throw new IllegalArgumentException("non-increasing order, previous: " + last + ", current: " + x);
            }
            total += y - x + 1;
            last = y;
        }
        return total;
    }

    private static int index(String s, int completions) {
        int i;
        try {
            i = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot convert string to integer for index: \"" + s + "\"");
        }
        if (i >= completions) {
            throw new IllegalArgumentException("too large index: \"" + s + "\"");
        }
        return i;
    }
}
