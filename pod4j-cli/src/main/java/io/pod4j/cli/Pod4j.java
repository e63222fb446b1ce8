package io.pod4j.cli;

import io.pod4j.cli.verbs.AnnotateCommand;
import io.pod4j.cli.verbs.AttachCommand;
import io.pod4j.cli.verbs.ApplyCommand;
import io.pod4j.cli.verbs.CreateCommand;
import io.pod4j.cli.verbs.DeleteCommand;
import io.pod4j.cli.verbs.DescribeCommand;
import io.pod4j.cli.verbs.EditCommand;
import io.pod4j.cli.verbs.ExecCommand;
import io.pod4j.cli.verbs.GetCommand;
import io.pod4j.cli.verbs.KubeletCommand;
import io.pod4j.cli.verbs.LabelCommand;
import io.pod4j.cli.verbs.LogsCommand;
import io.pod4j.cli.verbs.PortForwardCommand;
import io.pod4j.cli.verbs.RunCommand;
import io.pod4j.cli.verbs.TopCommand;
import io.pod4j.cli.verbs.VersionCommand;
import io.pod4j.cli.verbs.WaitCommand;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./pod4j}: kubectl's verbs for pods run by pod4j on the local Docker engine. Pods are
 * kept by a background supervisor process, so they outlive the command that started them and
 * every shell sees the same pods.
 */
@Command(name = "pod4j", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Runs Kubernetes Pods on the local Docker engine, with kubectl's verbs.",
        subcommands = {ApplyCommand.class, CreateCommand.class, GetCommand.class, DescribeCommand.class, EditCommand.class, LogsCommand.class,
                ExecCommand.class, AttachCommand.class, PortForwardCommand.class, LabelCommand.class, AnnotateCommand.class, DeleteCommand.class,
                WaitCommand.class, RunCommand.class, KubeletCommand.class, TopCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class Pod4j implements Runnable {

    /**
     * Runs one command and exits with kubectl's exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * @param args the command line
     * @return the exit code
     */
    public static int run(String... args) {
        CommandLine cmd = new CommandLine(new Pod4j());
        cmd.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof ApiError e) {
                System.err.println(e.kubectlText());
                return 1;
            }
            if (ex instanceof UncheckedIOException e) {
                System.err.println("error: " + e.getCause().getMessage());
                return 1;
            }
            if (ex instanceof io.pod4j.api.error.PodException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
            throw ex;
        });
        cmd.setParameterExceptionHandler((ex, args1) -> {
            CommandLine c = ex.getCommandLine();
            if (ex instanceof CommandLine.UnmatchedArgumentException u && c == cmd && !u.getUnmatched().isEmpty()
                    && !u.getUnmatched().get(0).startsWith("-")) {
                // A word where a verb belongs: say it as kubectl does.
                System.err.println("error: unknown command \"" + u.getUnmatched().get(0) + "\" for \"pod4j\"");
                System.err.println("See 'pod4j --help' for usage.");
                return 1;
            }
            String usage = missingArgument(ex);
            if (usage != null) {
                // kubectl's own check of the arguments: its words, then "See '... -h' for help and examples".
                System.err.println(usage);
                System.err.println("See '" + c.getCommandSpec().qualifiedName() + " -h' for help and examples");
                return 1;
            }
            System.err.println("error: " + cobraMessage(ex, args1));
            System.err.println("See '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return 1;
        });
        return cmd.execute(args);
    }

    /**
     * kubectl's flag errors come from cobra/pflag ({@code unknown flag: --foo}, {@code unknown
     * shorthand flag: 'x' in -xyz}, {@code flag needs an argument: --image}); picocli's own words
     * are kept for everything else.
     */
    static String cobraMessage(CommandLine.ParameterException ex, String[] args) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                return "unknown flag: " + (eq < 0 ? arg : arg.substring(0, eq));
            }
            if (arg.startsWith("-") && arg.length() > 1) {
                return "unknown shorthand flag: '" + arg.charAt(1) + "' in " + arg;
            }
        }
        if (ex instanceof CommandLine.MissingParameterException m && m.getMissing() != null && !m.getMissing().isEmpty()
                && m.getMissing().get(0).isOption()) {
            CommandLine.Model.OptionSpec o = (CommandLine.Model.OptionSpec) m.getMissing().get(0);
            // Named as typed: pflag says --selector for --selector, 'l' in -l for -l.
            String typed = null;
            for (String a : args) {
                if (java.util.Arrays.asList(o.names()).contains(a)) {
                    typed = a;
                }
            }
            if (typed == null) {
                // Not given at all: cobra's check of required flags.
                return "required flag(s) \"" + o.longestName().replaceFirst("^-+", "") + "\" not set";
            }
            return "flag needs an argument: " + (typed.startsWith("--") ? typed : "'" + typed.substring(1) + "' in " + typed);
        }
        return ex.getMessage();
    }

    /**
     * @return what kubectl prints when a verb's required argument is missing, or null when the
     *     problem is something else
     */
    static String missingArgument(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.MissingParameterException m) || m.getMissing() == null || m.getMissing().isEmpty()
                || m.getMissing().get(0).isOption()) {
            return null;
        }
        String verb = ex.getCommandLine().getCommandName();
        return switch (verb) {
            case "exec", "attach" -> "error: pod, type/name or --filename must be specified";
            case "run" -> "error: NAME is required for run";
            case "port-forward" -> "error: TYPE/NAME and list of ports are required for port-forward";
            case "get", "describe", "edit" -> "You must specify the type of resource to " + verb + ". The types pod4j knows are"
                    + " pods, nodes and events.\n\nerror: Required resource not specified.";
            default -> null;
        };
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
