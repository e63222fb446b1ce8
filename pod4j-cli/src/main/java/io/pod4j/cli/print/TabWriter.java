package io.pod4j.cli.print;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns tab-separated text the way kubectl's describe output is aligned (Go's text/tabwriter with
 * minimum width 0, padding 2, spaces): a cell is text ended by a tab; the text after a line's last
 * tab is not aligned. Consecutive lines that have a cell in the same column form a block, and the
 * column is as wide as the block's widest cell plus the padding; a line with fewer cells ends the
 * block, so each section of a description is aligned on its own.
 */
final class TabWriter {

    private static final int PADDING = 2;

    private TabWriter() {
    }

    /**
     * @param text lines ending in newlines, cells separated by tabs
     * @return the aligned text
     */
    static String align(String text) {
        List<String[]> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(line.split("\t", -1));
        }
        if (text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        int[][] widths = new int[lines.size()][];
        for (int i = 0; i < lines.size(); i++) {
            widths[i] = new int[Math.max(0, lines.get(i).length - 1)];
        }
        format(lines, widths, 0, lines.size(), 0);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = lines.get(i);
            for (int c = 0; c < cells.length - 1; c++) {
                out.append(cells[c]).append(" ".repeat(widths[i][c] - cells[c].length()));
            }
            out.append(cells[cells.length - 1]).append('\n');
        }
        return out.toString();
    }

    /** Sizes column {@code col} of each run of lines in [from, to) that has a cell there, then the next column within the run. */
    private static void format(List<String[]> lines, int[][] widths, int from, int to, int col) {
        int i = from;
        while (i < to) {
            if (lines.get(i).length - 1 <= col) {
                i++;
                continue;
            }
            int start = i;
            int width = 0;
            while (i < to && lines.get(i).length - 1 > col) {
                width = Math.max(width, lines.get(i)[col].length());
                i++;
            }
            for (int k = start; k < i; k++) {
                widths[k][col] = width + PADDING;
            }
            format(lines, widths, start, i, col + 1);
        }
    }
}
