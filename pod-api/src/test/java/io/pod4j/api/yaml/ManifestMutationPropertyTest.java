package io.pod4j.api.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pod4j.api.error.ManifestException;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The fuzz contract of {@link ManifestFuzzTest} as a jqwik property: where that test replays the
 * same 10 000 fixed seeds on every build, this one draws fresh seeds each run, so coverage grows
 * over time; a failure prints the seed, which {@code new ManifestMutator(new Random(seed))} replays.
 */
class ManifestMutationPropertyTest {

    private static List<String> seeds;

    @BeforeContainer
    static void readFixtures() {
        seeds = ManifestMutator.fixtureTexts();
    }

    @Property(tries = 2000)
    void mutatedManifestLoadsOrFailsWithManifestException(@ForAll long seed) {
        Random random = new Random(seed);
        String mutated = new ManifestMutator(random).mutate(seeds.get(random.nextInt(seeds.size())));

        Throwable thrown = catchThrowable(() -> ManifestMutator.loadAndAdmit(mutated));

        if (thrown != null) {
            assertThat(thrown).as("seed %d, manifest:%n%s", seed, mutated).isInstanceOf(ManifestException.class);
            assertThat(((ManifestException) thrown).problems()).isNotEmpty();
        }
    }
}
