package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.pod4j.engine.docker.Labels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives an integration test class one engine with a short back-off, and checks after the class
 * that the engine left no Docker object behind. Fails (never skips) when Docker is unreachable.
 */
public final class EngineExtension implements BeforeAllCallback, AfterAllCallback {

    private PodEngine engine;
    private String owner;

    @Override
    public void beforeAll(ExtensionContext context) {
        TestImages.ensure();
        engine = PodEngine.builder().backOffBase(Duration.ofMillis(300)).backOffCap(Duration.ofSeconds(5))
                .stateDir(java.nio.file.Path.of("target", "pod4j-state", context.getRequiredTestClass().getSimpleName()))
                .build();
        owner = io.pod4j.engine.reaper.Owner.current().id();
    }

    /** @return the engine of the running test class */
    public PodEngine engine() {
        return engine;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        DockerClient docker = engine.docker().client();
        engine.close();
        try (var check = io.pod4j.engine.docker.DockerConnection.open(null)) {
            var containers = check.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(Labels.OWNER, owner)).exec();
            var volumes = check.client().listVolumesCmd().withFilter("label", List.of(Labels.OWNER + "=" + owner))
                    .exec().getVolumes();
            assertThat(containers.stream().map(c -> c.getNames()[0] + " " + c.getStatus()).toList())
                    .as("containers left behind by " + context.getDisplayName()).isEmpty();
            assertThat(volumes == null ? List.of() : volumes).as("volumes left behind").isEmpty();
        }
        assertThat(docker).isNotNull();
    }
}
