package io.pod4j.engine.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import io.pod4j.engine.docker.ImageReference;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Image presence checks and pulls, as the kubelet's image manager needs them. Remembers images
 * seen present, so that starting a pod does not inspect the same image again and again.
 */
public final class Images {

    private static final long PULL_TIMEOUT_MINUTES = 10;

    private final DockerClient docker;
    private final String pauseImage;
    /** Images seen present, with their ids. */
    private final java.util.Map<String, String> known = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String pause;

    /**
     * @param docker the client
     * @param pauseImage the infra image chosen by the user, or null for pod4j's built-in one
     */
    public Images(DockerClient docker, String pauseImage) {
        this.docker = docker;
        this.pauseImage = pauseImage;
    }

    /** @return the infra image, loaded into the daemon on first use */
    public String pause() {
        String p = pause;
        if (p == null) {
            p = pauseImage != null ? pauseImage : io.pod4j.engine.docker.PauseImage.ensure(docker);
            if (pauseImage != null && !present(p)) {
                pull(p);
            }
            pause = p;
        }
        return p;
    }

    /** @return true when the image is in the daemon */
    boolean present(String image) {
        if (known.containsKey(image)) {
            return true;
        }
        try {
            String id = docker.inspectImageCmd(image).exec().getId();
            known.put(image, id == null ? "" : id);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** @return the image's id, when it was seen present; else empty */
    String id(String image) {
        return known.getOrDefault(image, "");
    }

    /**
     * @param image an image in the daemon
     * @return the user its config runs as ({@code USER}: a name, a uid, either with {@code :group}),
     *     empty when the image sets none
     */
    static String user(DockerClient docker, String image) {
        var config = docker.inspectImageCmd(image).exec().getConfig();
        return config == null || config.getUser() == null ? "" : config.getUser();
    }

    /** Forgets what is known of an image (it was removed behind our back). */
    void forget(String image) {
        known.remove(image);
    }

    void pull(String image) {
        pull(image, List.of());
    }

    /**
     * Pulls with each of the credentials in turn until one succeeds, as the kubelet's puller does;
     * without any, as the Docker client's own configuration says.
     *
     * @param credentials from the pod's image pull secrets ({@link PullSecrets}), in order
     * @throws RuntimeException with the daemon's message of the last attempt when every pull fails
     */
    void pull(String image, List<AuthConfig> credentials) {
        if (credentials.isEmpty()) {
            pull(docker, image, null);
        } else {
            RuntimeException last = null;
            for (AuthConfig auth : credentials) {
                try {
                    pull(docker, image, auth);
                    last = null;
                    break;
                } catch (RuntimeException e) {
                    last = e;
                }
            }
            if (last != null) {
                throw last;
            }
        }
        known.remove(image);
        present(image);
    }

    static boolean present(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * Pulls an image.
     *
     * @param auth the registry credentials, or null for the Docker client's own
     * @throws RuntimeException with the daemon's message when the pull fails
     */
    private static void pull(DockerClient docker, String image, AuthConfig auth) {
        ImageReference ref = ImageReference.parse(image);
        var cmd = docker.pullImageCmd(ref.repository());
        if (ref.digest() != null) {
            cmd = docker.pullImageCmd(ref.repository() + "@" + ref.digest());
        } else {
            cmd.withTag(ref.pullTag());
        }
        if (auth != null) {
            cmd.withAuthConfig(auth);
        }
        Pull pull = new Pull();
        try {
            boolean done = cmd.exec(pull).awaitCompletion(PULL_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!done) {
                throw new IllegalStateException("pull did not finish within " + PULL_TIMEOUT_MINUTES + " minutes");
            }
            if (pull.failure != null) {
                throw pull.failure instanceof RuntimeException r ? r : new IllegalStateException(pull.failure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pulling " + image, e);
        }
        if (!present(docker, image)) {
            throw new IllegalStateException("the pull finished but the image is not present");
        }
    }

    /** Keeps a pull's failure for the caller instead of logging it as docker-java's default does. */
    private static final class Pull extends ResultCallback.Adapter<PullResponseItem> {
        private volatile Throwable failure;

        @Override
        public void onError(Throwable throwable) {
            failure = throwable;
            try {
                close();
            } catch (java.io.IOException ignored) {
                // Closing a stream that already failed.
            }
        }
    }
}
