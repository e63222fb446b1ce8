package io.pod4j.samples;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command once in a Pod of its own, the way a job launcher or a CI tool does, through
 * fabric8's {@code KubernetesClient}: creates the Pod ({@code restartPolicy: Never}), streams its
 * log while it runs, reports the container's exit code and deletes the Pod. It knows nothing of
 * pod4j: given a client of a real cluster it runs there; its test ({@code OneOffPodIT}) runs it on
 * pod4j.
 *
 * <p>Run: {@code java -cp samples/target/classes:samples/target/lib/* io.pod4j.samples.OneOffPod
 * IMAGE COMMAND...} with the cluster of {@code $KUBECONFIG} (else {@code ~/.kube/config}); it exits
 * with the container's exit code.
 */
public final class OneOffPod {

    /** The kubelet's reasons for a container that will not start without a change to the Pod or the node. */
    private static final Set<String> STUCK = Set.of("ErrImagePull", "ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName",
            "CreateContainerConfigError", "CreateContainerError");

    private final KubernetesClient client;
    private final String namespace;

    /**
     * @param client a client of the cluster to run on
     * @param namespace the namespace of the Pods
     */
    public OneOffPod(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /**
     * Runs {@code command} in a new Pod and waits until it ends; the Pod is deleted afterwards,
     * also when something fails.
     *
     * @param image the container's image
     * @param command the command and its arguments
     * @param log where the container's output goes, as it is written
     * @param timeout how long the command may take, from the Pod's creation
     * @return the container's exit code
     * @throws IllegalStateException when the container cannot start (the kubelet's reason and message)
     *     or does not end in time
     */
    public int run(String image, List<String> command, OutputStream log, Duration timeout) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withGenerateName("one-off-").withNamespace(namespace).addToLabels("app", "one-off").endMetadata()
                .withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage(image).withCommand(command).endContainer()
                .endSpec().build();
        String name = client.pods().inNamespace(namespace).resource(pod).create().getMetadata().getName();
        PodResource resource = client.pods().inNamespace(namespace).withName(name);
        try {
            Pod started = resource.waitUntilCondition(p -> p == null || p.getStatus() != null && !"Pending".equals(p.getStatus().getPhase())
                    || stuck(p).isPresent(), timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (started == null) {
                throw new IllegalStateException("pod " + namespace + "/" + name + " was deleted before it ran");
            }
            Optional<ContainerStateWaiting> stuck = stuck(started);
            if (stuck.isPresent()) {
                throw new IllegalStateException("pod " + namespace + "/" + name + " cannot start: " + stuck.get().getReason()
                        + ": " + stuck.get().getMessage());
            }
            // The stream ends when the container does (the server closes a followed log then).
            try (LogWatch follow = resource.inContainer("main").watchLog(log)) {
                follow.onClose().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            Pod ended = resource.waitUntilCondition(p -> p != null && terminated(p).isPresent(), timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            return terminated(ended).orElseThrow().getExitCode();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the log of pod " + namespace + "/" + name + " did not end within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pod " + namespace + "/" + name + " ran", e);
        } finally {
            resource.withGracePeriod(0).delete();
        }
    }

    private static Optional<ContainerStatus> main(Pod p) {
        return p.getStatus() == null ? Optional.empty() : p.getStatus().getContainerStatuses().stream().filter(c -> c.getName().equals("main")).findFirst();
    }

    private static Optional<ContainerStateTerminated> terminated(Pod p) {
        return main(p).map(c -> c.getState().getTerminated());
    }

    private static Optional<ContainerStateWaiting> stuck(Pod p) {
        return main(p).map(c -> c.getState().getWaiting()).filter(w -> STUCK.contains(w.getReason()));
    }

    /**
     * @param args the image, then the command and its arguments
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: OneOffPod IMAGE COMMAND [ARG...]");
            System.exit(2);
        }
        int exitCode;
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            String namespace = Optional.ofNullable(client.getNamespace()).orElse("default");
            exitCode = new OneOffPod(client, namespace).run(args[0], Arrays.asList(args).subList(1, args.length), System.out,
                    Duration.ofMinutes(10));
        }
        System.out.flush();
        System.err.println("exit code " + exitCode);
        System.exit(exitCode);
    }
}
