package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.pod4j.engine.probe.ProbeResult;
import io.pod4j.engine.probe.ProbeRunner;
import io.pod4j.engine.probe.ProbeTarget;
import java.time.Duration;

/** Runs lifecycle hooks (postStart, preStop): exec, httpGet or sleep, within a time limit. */
final class Hooks {

    private Hooks() {
    }

    /** @return null when the hook succeeded, else the kubelet's message for the failure */
    static String run(ProbeRunner runner, LifecycleHandler handler, ProbeTarget target, Duration limit) {
        if (handler.getSleep() != null) {
            long millis = Math.min(limit.toMillis(), handler.getSleep().getSeconds() == null ? 0 : handler.getSleep().getSeconds() * 1000);
            try {
                Thread.sleep(millis); // the hook is a sleep: the container's stop waits for it, by design
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
        Duration timeout = limit.isZero() ? Duration.ofMillis(1) : limit;
        ProbeResult result;
        if (handler.getExec() != null) {
            result = runner.exec(handler.getExec(), target, timeout);
            if (!result.success()) {
                return "Exec lifecycle hook (" + String.join(" ", handler.getExec().getCommand()) + ") for Container in Pod failed - error: "
                        + result.message();
            }
            return null;
        }
        if (handler.getHttpGet() != null) {
            result = runner.httpGet(handler.getHttpGet(), target, timeout);
            return result.success() ? null : "HTTP lifecycle hook (" + handler.getHttpGet().getPath() + ") for Container in Pod failed - error: "
                    + result.message();
        }
        if (handler.getTcpSocket() != null) {
            result = runner.run(new ProbeBuilder().withTcpSocket(handler.getTcpSocket()).withTimeoutSeconds((int) Math.max(1, timeout.toSeconds())).build(), target);
            return result.success() ? null : "TCP lifecycle hook failed - error: " + result.message();
        }
        return null;
    }
}
