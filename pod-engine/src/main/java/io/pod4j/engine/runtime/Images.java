package io.pod4j.engine.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import io.pod4j.engine.docker.ImageReference;
import java.util.concurrent.TimeUnit;

/** Image presence checks and pulls, as the kubelet's image manager needs them. */
final class Images {

    private static final long PULL_TIMEOUT_MINUTES = 10;

    private Images() {
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
     * @throws RuntimeException with the daemon's message when the pull fails
     */
    static void pull(DockerClient docker, String image) {
        ImageReference ref = ImageReference.parse(image);
        var cmd = docker.pullImageCmd(ref.repository());
        if (ref.digest() != null) {
            cmd = docker.pullImageCmd(ref.repository() + "@" + ref.digest());
        } else {
            cmd.withTag(ref.pullTag());
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
