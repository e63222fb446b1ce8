package io.pod4j.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.api.model.Pod;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.cli.ApiError;
import io.pod4j.cli.supervisor.SupervisorClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code edit pod NAME}: opens the pod's YAML in {@code $KUBE_EDITOR}, {@code $EDITOR} or {@code vi},
 * as kubectl does, and saves what may change on a running pod (labels and annotations). A change the
 * API server refuses reopens the file with the errors at the top; closing it unchanged ends the edit
 * with kubectl's words and keeps a copy of the changes.
 */
@Command(name = "edit", mixinStandardHelpOptions = true, description = "Edit a pod in your editor.")
public class EditCommand implements Callable<Integer> {

    static final String HEADER = """
            # Please edit the object below. Lines beginning with a '#' will be ignored,
            # and an empty file will abort the edit. If an error occurs while saving this file will be
            # reopened with the relevant failures.
            #
            """;

    @Parameters(index = "0", description = "pod, pods or pod/NAME")
    String resource;

    @Parameters(index = "1..*", description = "the name")
    List<String> names = new ArrayList<>();

    @Mixin
    Scope scope;

    @Override
    public Integer call() throws Exception {
        String name;
        if (resource.contains("/")) {
            name = PodRef.name(resource);
        } else if (List.of("pod", "pods", "po").contains(resource)) {
            if (names.isEmpty()) {
                throw new ApiError(null, "resource(s) were provided, but no name was specified");
            }
            name = names.get(0);
        } else {
            throw new ApiError(null, "the server doesn't have a resource type \"" + resource + "\"");
        }
        Pod pod = PodRef.get(scope.namespace(), name);
        String original = Manifests.toYaml(pod);
        Path file = Files.createTempFile("kubectl-edit-", ".yaml");
        String shown = HEADER + original;
        String last = null;
        while (true) {
            Files.writeString(file, shown);
            runEditor(file);
            String edited = withoutComments(Files.readString(file));
            if (edited.isBlank()) {
                Files.deleteIfExists(file);
                throw new ApiError(null, "Edit cancelled, saved file was empty.");
            }
            if (last == null && edited.equals(withoutComments(original))) {
                Files.deleteIfExists(file);
                System.err.println("Edit cancelled, no changes made.");
                return 0;
            }
            if (edited.equals(last)) {
                // Closed unchanged after an error: kubectl gives up and keeps the user's work.
                System.err.println("A copy of your changes has been stored to \"" + file + "\"");
                throw new ApiError(null, "Edit cancelled, no valid changes were saved.");
            }
            last = edited;
            ObjectNode req = SupervisorClient.request("apply").put("mode", "apply").put("source", file.toString())
                    .put("text", edited).put("namespace", scope.namespace());
            JsonNode results;
            try {
                results = SupervisorClient.call(req);
            } catch (ApiError e) {
                System.err.println("error: pods \"" + name + "\" is invalid");
                shown = HEADER + "# pods \"" + name + "\" was not valid:\n" + commented(e.getMessage()) + "#\n" + edited;
                continue;
            }
            JsonNode r = results.isEmpty() ? null : results.get(0);
            if (r != null && r.has("error")) {
                System.err.println("error: pods \"" + name + "\" is invalid");
                shown = HEADER + "# pods \"" + name + "\" was not valid:\n" + commented(r.path("error").path("message").asText())
                        + "#\n" + edited;
                continue;
            }
            Files.deleteIfExists(file);
            if (r != null && "unchanged".equals(r.path("action").asText())) {
                System.err.println("Edit cancelled, no changes made.");
            } else {
                System.out.println("pod/" + name + " edited");
            }
            return 0;
        }
    }

    /** @return the text without the lines that start with {@code #}, as kubectl reads the edited file */
    static String withoutComments(String text) {
        return text.lines().filter(l -> !l.startsWith("#")).map(l -> l + "\n").collect(Collectors.joining());
    }

    /** @return an error as the comment lines kubectl puts above the object when it reopens the file */
    static String commented(String error) {
        String cause = error.replaceFirst("^The Pod \"[^\"]*\" is invalid: ", "").strip();
        return cause.lines().filter(l -> !l.isBlank()).map(l -> l.startsWith("* ") ? "# " + l : "# * " + l).map(l -> l + "\n").collect(Collectors.joining());
    }

    /** Runs the editor kubectl would: {@code KUBE_EDITOR}, then {@code EDITOR}, then {@code vi}, on this terminal. */
    private static void runEditor(Path file) throws IOException, InterruptedException {
        Map<String, String> env = System.getenv();
        String editor = env.getOrDefault("KUBE_EDITOR", env.getOrDefault("EDITOR", "vi")).strip();
        List<String> cmd = new ArrayList<>();
        if (editor.contains(" ") && !editor.matches(".*[\"'\\\\].*")) {
            cmd.addAll(List.of(editor.split(" +")));
        } else if (editor.contains(" ")) {
            cmd.addAll(List.of("/bin/bash", "-c", editor + " \"$0\""));
        } else {
            cmd.add(editor);
        }
        cmd.add(file.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        java.io.File tty = new java.io.File("/dev/tty");
        pb.redirectInput(System.console() != null && tty.canRead() ? ProcessBuilder.Redirect.from(tty) : ProcessBuilder.Redirect.INHERIT);
        int code;
        try {
            code = pb.start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("unable to launch the editor \"" + editor + "\"", e));
        }
        if (code != 0) {
            throw new ApiError(null, "there was a problem with the editor \"" + editor + "\"");
        }
    }
}
