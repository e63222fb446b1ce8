package io.pod4j.apiserver.discovery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * {@code GET /version}: the Kubernetes API version this server follows (1.32, the kubectl this
 * project tests with), marked as pod4j's in semver build metadata so it still compares as 1.32.0.
 */
public final class VersionInfo {

    /** The Kubernetes release whose API this server follows. */
    public static final String GIT_VERSION = "v1.32.0+pod4j";

    private VersionInfo() {
    }

    /** @return the version document */
    public static ObjectNode document() {
        String arch = System.getProperty("os.arch", "amd64");
        arch = switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
        String os = System.getProperty("os.name", "linux").toLowerCase(Locale.ROOT).split(" ", 2)[0];
        return JsonNodeFactory.instance.objectNode()
                .put("major", "1")
                .put("minor", "32")
                .put("gitVersion", GIT_VERSION)
                .put("gitCommit", "")
                .put("gitTreeState", "")
                .put("buildDate", "1970-01-01T00:00:00Z")
                .put("goVersion", "java" + Runtime.version().feature())
                .put("compiler", "pod4j")
                .put("platform", os + "/" + arch);
    }
}
