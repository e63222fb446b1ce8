package io.pod4j.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.api.model.Pod;
import io.pod4j.cli.ApiError;
import io.pod4j.cli.supervisor.SupervisorClient;
import java.util.stream.Collectors;

/** A pod named on the command line as {@code NAME} or {@code pod/NAME}, and its default container. */
final class PodRef {

    private PodRef() {
    }

    static String name(String arg) {
        if (arg.contains("/")) {
            String type = arg.substring(0, arg.indexOf('/'));
            if (!type.equals("pod") && !type.equals("pods") && !type.equals("po")) {
                throw new ApiError(null, "pod4j only knows pods; \"" + type + "\" is not supported");
            }
            return arg.substring(arg.indexOf('/') + 1);
        }
        return arg;
    }

    static Pod get(String namespace, String name) {
        ObjectNode req = SupervisorClient.request("list").put("namespace", namespace);
        req.withArray("names").add(name);
        JsonNode res = SupervisorClient.call(req);
        if (res.get("items").isEmpty()) {
            throw new ApiError("NotFound", "pods \"" + name + "\" not found");
        }
        return Pods.pod(res.get("items").get(0));
    }

    /** The container kubectl picks when -c is not given, with its "Defaulted container" note. */
    static String container(Pod pod, String asked) {
        if (asked != null) {
            return asked;
        }
        String annotated = pod.metadata().annotations().get("kubectl.kubernetes.io/default-container");
        if (annotated != null) {
            return annotated;
        }
        String first = pod.spec().containers().get(0).name();
        if (pod.spec().containers().size() > 1) {
            System.err.println("Defaulted container \"" + first + "\" out of: "
                    + pod.spec().containers().stream().map(c -> c.name()).collect(Collectors.joining(", ")));
        }
        return first;
    }
}
