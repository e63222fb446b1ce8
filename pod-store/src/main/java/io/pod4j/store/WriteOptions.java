package io.pod4j.store;

/**
 * Who writes, as the API server's {@code CreateOptions}/{@code UpdateOptions}/{@code PatchOptions}
 * carry it: the field manager the written fields are recorded for in {@code managedFields}, and,
 * for an apply, whether it takes fields other managers own ({@code force}).
 *
 * <p>The API server takes the manager from the request's {@code fieldManager} parameter, else from
 * its User-Agent up to the first {@code /} (so kubectl's edits appear as {@code kubectl-edit},
 * {@code kubectl-label}, ...). A write without options is recorded for {@link #DEFAULT_MANAGER}.
 *
 * @param fieldManager the manager's name; null or empty for none (an apply requires one)
 * @param force for an apply: take ownership of conflicting fields instead of failing with 409
 * @param dryRun {@code dryRun=All}: admit, default, validate and answer the object as it would be
 *     stored, but store nothing (no new resourceVersion, no watch event)
 */
public record WriteOptions(String fieldManager, boolean force, boolean dryRun) {

    /** The manager of writes that name none: pod4j's own Java API. */
    public static final String DEFAULT_MANAGER = "pod4j";

    /** No manager named ({@link #DEFAULT_MANAGER}), no force. */
    public static final WriteOptions DEFAULT = new WriteOptions(null, false, false);

    /** A write that is stored: {@code dryRun} false. */
    public WriteOptions(String fieldManager, boolean force) {
        this(fieldManager, force, false);
    }

    /** @return options for a write by this manager */
    public static WriteOptions fieldManager(String fieldManager) {
        return new WriteOptions(fieldManager, false);
    }

    /** @return these options with {@code force=true} */
    public WriteOptions forced() {
        return new WriteOptions(fieldManager, true, dryRun);
    }

    /** @return these options for a dry run: everything decided, nothing stored */
    public WriteOptions dryRunOnly() {
        return new WriteOptions(fieldManager, force, true);
    }

    /** @return the manager for an update: the given one, else {@link #DEFAULT_MANAGER} */
    String managerOrDefault() {
        return fieldManager == null || fieldManager.isEmpty() ? DEFAULT_MANAGER : fieldManager;
    }
}
