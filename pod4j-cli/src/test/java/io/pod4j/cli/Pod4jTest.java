package io.pod4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Pod4jTest {

    /** Runs a command that fails while parsing (no supervisor is reached) and returns its exit code and stderr. */
    private static String run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Pod4j.run(args);
            // Other threads of the test JVM (the JUnit run's Docker prefetch) may log to stderr meanwhile.
            return code + " " + err.toString(StandardCharsets.UTF_8).replaceAll("(?m)^\\[[^\\]]+\\] (INFO|WARN|DEBUG) .*\n", "");
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void namesUnknownFlagsAsCobraDoes() {
        assertThat(run("get", "pods", "--foo=bar")).isEqualTo("1 error: unknown flag: --foo\nSee 'pod4j get --help' for usage.\n");
        assertThat(run("label", "pod", "web", "-overwrite", "a=b"))
                .isEqualTo("1 error: unknown shorthand flag: 'o' in -overwrite\nSee 'pod4j label --help' for usage.\n");
    }

    @Test
    void namesAFlagWithoutItsValueAsTyped() {
        assertThat(run("get", "pods", "-l")).startsWith("1 error: flag needs an argument: 'l' in -l\n");
        assertThat(run("logs", "web", "--container")).startsWith("1 error: flag needs an argument: --container\n");
        assertThat(run("run", "web")).startsWith("1 error: required flag(s) \"image\" not set\n");
    }

    @Test
    void refusesExecWithoutDashDashAsKubectlDoes() {
        assertThat(run("exec", "-it", "web", "sh")).isEqualTo("1 error: exec [POD] [COMMAND] is not supported anymore."
                + " Use exec [POD] -- [COMMAND] instead\nSee 'pod4j exec -h' for help and examples\n");
    }

    @Test
    void saysWhatIsMissingInKubectlsWords() {
        assertThat(run("logs")).isEqualTo("1 error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
                + "POD or TYPE/NAME is a required argument for the logs command\nSee 'pod4j logs -h' for help and examples\n");
        assertThat(run("run")).isEqualTo("1 error: NAME is required for run\nSee 'pod4j run -h' for help and examples\n");
        assertThat(run("get")).endsWith("\n\nerror: Required resource not specified.\nSee 'pod4j get -h' for help and examples\n");
    }

    @Test
    void createsANamespaceAsKubectlSaysItAndAsksApplyForAFile() {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Pod4j.run("create", "namespace", "shop")).isZero();
        } finally {
            System.setOut(saved);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("namespace/shop created\n");
        assertThat(run("apply")).isEqualTo("1 error: must specify one of -f and -k\n");
    }

    @Test
    void saysAnUnknownVerbIsAnUnknownCommand() {
        assertThat(run("frobnicate")).isEqualTo("1 error: unknown command \"frobnicate\" for \"pod4j\"\nSee 'pod4j --help' for usage.\n");
    }
}
