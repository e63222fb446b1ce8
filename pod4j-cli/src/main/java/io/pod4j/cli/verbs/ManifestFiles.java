package io.pod4j.cli.verbs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The {@code -f FILE|DIR|-} of apply, create and delete: read as kubectl reads them. */
public final class ManifestFiles {

    /**
     * What follows kubectl's "resource mapping not found" for a kind pod4j does not run, where
     * kubectl would say to install CRDs: no install would help here.
     */
    public static final String LEFT_OUT = "pod4j runs Pods, with their ConfigMaps and Secrets: this object was left out";

    /**
     * @param u a document of a kind pod4j does not run
     * @return what apply, create and delete say of it: kubectl's sentence, then {@link #LEFT_OUT}
     */
    public static String leftOut(io.pod4j.api.yaml.UnsupportedObject u) {
        return u.kubectlMessage() + "\n" + LEFT_OUT;
    }

    private ManifestFiles() {
    }

    /**
     * @param args the values of {@code -f}
     * @return source name to text, in order (directories: their .yaml, .yml and .json files, sorted)
     */
    static List<Map.Entry<String, String>> read(List<String> args) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        try {
            for (String a : args) {
                if (a.equals("-")) {
                    out.add(Map.entry("STDIN", new String(System.in.readAllBytes(), StandardCharsets.UTF_8)));
                    continue;
                }
                Path p = Path.of(a);
                if (Files.isDirectory(p)) {
                    try (Stream<Path> files = Files.list(p)) {
                        for (Path f : files.filter(Files::isRegularFile)
                                .filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList()) {
                            out.add(Map.entry(f.toString(), Files.readString(f)));
                        }
                    }
                } else if (Files.isRegularFile(p)) {
                    out.add(Map.entry(a, Files.readString(p)));
                } else {
                    throw new io.pod4j.cli.ApiError(null, "the path \"" + a + "\" does not exist");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
