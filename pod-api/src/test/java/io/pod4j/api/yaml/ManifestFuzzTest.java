package io.pod4j.api.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.api.error.ManifestException;
import io.pod4j.api.model.KubeObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Damaged manifests must end in the project's own ManifestException (with a location) or load as
 * valid objects: never another exception. 10 000 mutations of every fixture, in YAML and JSON,
 * from fixed seeds so that a failure can be replayed.
 */
class ManifestFuzzTest {

    private static final int MUTATIONS = 10_000;

    private static List<String> seeds() throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/manifests"))) {
            for (Path f : files.sorted().toList()) {
                String text = Files.readString(f);
                texts.add(text);
                if (!f.toString().endsWith(".json")) {
                    // The same objects as JSON, so both parsers are exercised.
                    for (KubeObject o : Manifests.load(text)) {
                        texts.add(Manifests.toJson(o));
                    }
                }
            }
        }
        return texts;
    }

    @Test
    void mutatedManifestsOnlyEverYieldManifestExceptionsOrValidObjects() throws IOException {
        List<String> seeds = seeds();
        int rejected = 0;
        int loaded = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            Random random = new Random(i);
            String seed = seeds.get(random.nextInt(seeds.size()));
            String mutated = new ManifestMutator(random).mutate(seed);
            try {
                Manifests.load(mutated);
                loaded++;
            } catch (ManifestException expected) {
                assertThat(expected.problems()).as("problems of mutation %d", i).isNotEmpty();
                rejected++;
            } catch (Throwable unexpected) {
                throw new AssertionError("mutation " + i + " (new Random(" + i + ")) threw " + unexpected
                        + "\n--- manifest ---\n" + mutated, unexpected);
            }
        }
        assertThat(loaded + rejected).isEqualTo(MUTATIONS);
        assertThat(rejected).as("most mutations break something").isGreaterThan(MUTATIONS / 4);
    }
}
