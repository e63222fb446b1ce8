package io.pod4j.apiserver;

/** Pod manifests for the ITs: busybox containers that print numbered lines and stop at once on SIGTERM. */
final class Manifests {

    static final String IMAGE = io.pod4j.engine.TestImages.BUSYBOX;

    private Manifests() {
    }

    /** A pod with one container "app" printing "line N" every 200 ms after "hello NAME". */
    static String pod(String name, String labels) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  labels: {%s}
                spec:
                  terminationGracePeriodSeconds: 5
                  containers:
                  - name: app
                    image: %s
                    command: ["sh", "-c", "trap 'exit 0' TERM; echo hello %s; i=0; while true; do echo line $i; i=$((i+1)); sleep 1; done"]
                """.formatted(name, labels, IMAGE, name);
    }

    /** A pod with two containers, "one" and "two", each printing its name once and then sleeping. */
    static String twoContainers(String name) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %1$s
                spec:
                  terminationGracePeriodSeconds: 5
                  containers:
                  - name: one
                    image: %2$s
                    command: ["sh", "-c", "trap 'exit 0' TERM; echo from one; while true; do sleep 1; done"]
                  - name: two
                    image: %2$s
                    command: ["sh", "-c", "trap 'exit 0' TERM; echo from two; while true; do sleep 1; done"]
                """.formatted(name, IMAGE);
    }
}
