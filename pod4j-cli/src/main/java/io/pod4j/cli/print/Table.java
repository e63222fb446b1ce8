package io.pod4j.cli.print;

import java.util.ArrayList;
import java.util.List;

/**
 * A text table aligned as kubectl aligns its output (Go's tabwriter with minimum width 6 and
 * padding 3; the last column is not padded).
 */
public final class Table {

    private final List<List<String>> rows = new ArrayList<>();

    /**
     * @param cells one row
     * @return this table
     */
    public Table row(List<String> cells) {
        rows.add(cells);
        return this;
    }

    /** @return true when no row was added */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** @return the table's text, each line ending in a newline */
    public String render() {
        int cols = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] width = new int[cols];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size() - 1; i++) {
                width[i] = Math.max(width[i], Math.max(6, r.get(i).length() + 3));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i);
                sb.append(cell);
                if (i < r.size() - 1) {
                    sb.append(" ".repeat(width[i] - cell.length()));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
