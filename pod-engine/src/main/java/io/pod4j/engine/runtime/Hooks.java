package io.pod4j.engine.runtime;

import io.pod4j.api.model.LifecycleHandler;
import io.pod4j.api.model.Probe;
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
        if (handler.sleep() != null) {
            long millis = Math.min(limit.toMillis(), handler.sleep().seconds() == null ? 0 : handler.sleep().seconds() * 1000);
            try {
                Thread.sleep(millis); // the hook is a sleep: the container's stop waits for it, by design
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
        Duration timeout = limit.isZero() ? Duration.ofMillis(1) : limit;
        ProbeResult result;
        if (handler.exec() != null) {
            result = runner.exec(handler.exec(), target, timeout);
            if (!result.success()) {
                return "Exec lifecycle hook (" + String.join(" ", handler.exec().command()) + ") for Container in Pod failed - error: "
                        + result.message();
            }
            return null;
        }
        if (handler.httpGet() != null) {
            result = runner.httpGet(handler.httpGet(), target, timeout);
            return result.success() ? null : "HTTP lifecycle hook (" + handler.httpGet().path() + ") for Container in Pod failed - error: "
                    + result.message();
        }
        if (handler.tcpSocket() != null) {
            result = runner.run(Probe.builder().tcpSocket(handler.tcpSocket()).timeoutSeconds((int) Math.max(1, timeout.toSeconds())).build(), target);
            return result.success() ? null : "TCP lifecycle hook failed - error: " + result.message();
        }
        return null;
    }
}
