package io.pod4j.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints the rows the benchmarks of {@code scripts/bench} recorded (see {@link Figure}) as one
 * Markdown table, ready to paste in the README, then how many targets were met.
 */
public final class BenchTable {

    private BenchTable() {
    }

    /**
     * @param args the results file, then a title line
     * @throws Exception when the file cannot be read
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        List<Figure> rows = Files.readAllLines(Path.of(args[0])).stream().filter(l -> !l.isBlank()).map(Figure::parse).toList();
        if (args.length > 1) {
            out.println(args[1]);
            out.println();
        }
        out.println("| # | what | measured: median [min..max] | compared | target | |");
        out.println("|---|---|---|---|---|---|");
        for (Figure f : rows) {
            out.printf("| %s | %s | %s | %s | %s | %s |%n", f.section(), f.what(), f.measured(), f.compared(), f.target(),
                    f.verdict());
        }
        long targets = rows.stream().filter(f -> !"—".equals(f.verdict())).count();
        long met = rows.stream().filter(f -> "met".equals(f.verdict())).count();
        out.printf("%ntargets met: %d of %d%n", met, targets);
    }
}
