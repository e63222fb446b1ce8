package io.pod4j.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubPathsTest {

    private static final Map<String, String> ENV = Map.of("POD_NAME", "web-1", "NS", "default", "UP", "..",
            "ROOT", "/etc", "EMPTY", "");

    private static VolumeMount mount(String subPath, String subPathExpr) {
        return new VolumeMountBuilder().withName("data").withMountPath("/data")
                .withSubPath(subPath).withSubPathExpr(subPathExpr).build();
    }

    @ParameterizedTest(name = "subPath={0} subPathExpr={1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "-|-|-",
        "''|''|-",
        "logs|-|logs",
        "a/b/c|-|a/b/c",
        "-|$(POD_NAME)|web-1",
        "-|logs/$(NS)/$(POD_NAME)|logs/default/web-1",
        "-|$$(POD_NAME)|$(POD_NAME)",
        "-|plain|plain",
        "-|a..b|a..b",
    })
    void mountsTheExpandedRelativePath(String subPath, String subPathExpr, String expected) throws Exception {
        assertThat(SubPaths.of(mount(subPath, subPathExpr), ENV)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "subPath={0} subPathExpr={1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "-|$(MISSING)|missing value for MISSING",
        "-|$(ZED)/$(EMPTY)/$(MISSING)|missing value for EMPTY, MISSING, ZED",
        "-|$(ROOT)|error SubPath `/etc` must not be an absolute path",
        "-|$(UP)|unable to provision SubPath `..`: must not contain '..'",
        "-|data/$(UP)/$(UP)/etc|unable to provision SubPath `data/../../etc`: must not contain '..'",
        "/etc|-|error SubPath `/etc` must not be an absolute path",
        "a/../../b|-|unable to provision SubPath `a/../../b`: must not contain '..'",
        "..|-|unable to provision SubPath `..`: must not contain '..'",
    })
    void refusesInTheKubeletsWords(String subPath, String subPathExpr, String message) {
        assertThatThrownBy(() -> SubPaths.of(mount(subPath, subPathExpr), ENV))
                .isInstanceOf(ContainerConfigException.class).hasMessage(message);
    }
}
