package io.pod4j.engine;

/**
 * What a command run in a container with {@link PodHandle#exec} did.
 *
 * @param exitCode the command's exit status
 * @param stdout what it wrote to standard output
 * @param stderr what it wrote to standard error
 */
public record ExecResult(int exitCode, String stdout, String stderr) {
}
