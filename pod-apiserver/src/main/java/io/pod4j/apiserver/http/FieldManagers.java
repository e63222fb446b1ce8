package io.pod4j.apiserver.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.pod4j.store.WriteOptions;

/**
 * Who writes, for {@code managedFields}: the request's {@code fieldManager} parameter, else its
 * User-Agent up to the first {@code /} (printable characters, at most 128), as the API server's
 * {@code managerOrUserAgent} decides. kubectl names each command in its User-Agent
 * ({@code kubectl-edit/v1.32.0 ...}), so its writes appear as {@code kubectl-edit}, {@code kubectl-label}...
 */
final class FieldManagers {

    private static final int MAX_LENGTH = 128;

    private FieldManagers() {
    }

    /** @return the manager and the {@code force} parameter of a write, a dry run or not */
    static WriteOptions of(Exchange ex, boolean dryRun) {
        return new WriteOptions(manager(ex.param("fieldManager"), ex.header(HttpHeaderNames.USER_AGENT)), ex.flag("force"),
                dryRun);
    }

    static String manager(String fieldManager, String userAgent) {
        if (fieldManager != null && !fieldManager.isEmpty()) {
            return fieldManager;
        }
        if (userAgent == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        String prefix = userAgent.split("/", 2)[0];
        for (int i = 0; i < prefix.length() && b.length() < MAX_LENGTH; i++) {
            char c = prefix.charAt(i);
            if (!Character.isISOControl(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
