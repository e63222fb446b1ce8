package io.pod4j.cli.verbs;

import picocli.CommandLine.Command;

/** {@code annotate pods NAME k=v... [k-] [--overwrite]}. */
@Command(name = "annotate", mixinStandardHelpOptions = true, description = "Update the annotations on a pod.")
public class AnnotateCommand extends LabelCommand {

    @Override
    String field() {
        return "annotations";
    }
}
