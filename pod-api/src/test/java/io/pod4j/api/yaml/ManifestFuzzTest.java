package io.pod4j.api.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.api.error.ManifestException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged manifests must end in the project's own ManifestException (with a location) or load
 * and go through admission (defaults, validation): never another exception. 10 000 mutations of every fixture, in YAML and JSON,
 * from fixed seeds so that a failure can be replayed.
 */
class ManifestFuzzTest {

    private static final int MUTATIONS = 10_000;

    @Test
    void mutatedManifestsOnlyEverYieldManifestExceptionsOrAdmittableObjects() {
        List<String> seeds = ManifestMutator.fixtureTexts();
        int rejected = 0;
        int loaded = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            Random random = new Random(i);
            String seed = seeds.get(random.nextInt(seeds.size()));
            String mutated = new ManifestMutator(random).mutate(seed);
            try {
                ManifestMutator.loadAndAdmit(mutated);
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
