package io.pod4j.engine.docker;

/**
 * The labels pod4j puts on every Docker object it creates. All identity lives in labels, so that
 * another process (the CLI, a reaper) can rebuild its view of every pod from Docker alone, and
 * teardown filters by label, never by name.
 */
public final class Labels {

    /** Marks every object pod4j created: {@code io.pod4j.managed=true}. */
    public static final String MANAGED = "io.pod4j.managed";
    /** The pod's namespace. */
    public static final String NAMESPACE = "io.pod4j.namespace";
    /** The pod's name. */
    public static final String POD = "io.pod4j.pod";
    /** The pod's uid; a pod re-created under the same name gets a new one. */
    public static final String POD_UID = "io.pod4j.pod-uid";
    /** The container's name in the pod spec; {@code POD} for the infra container. */
    public static final String CONTAINER = "io.pod4j.container";
    /** {@code infra}, {@code init}, {@code sidecar} or {@code app}. */
    public static final String ROLE = "io.pod4j.role";
    /** How many times the container had been restarted when this instance was created. */
    public static final String RESTART_COUNT = "io.pod4j.restart-count";
    /** The engine session that owns the pod: {@code host/pid/start}. */
    public static final String OWNER = "io.pod4j.owner";
    /**
     * The process a pod was created for, besides the engine that runs it (a {@code pod4j kubelet}
     * for its static pods): {@code host/pid/start}. The pod is an orphan when either is dead.
     */
    public static final String CREATED_FOR = "io.pod4j.created-for";
    /** {@code true} when the pod must outlive its owner (started detached). */
    public static final String DETACHED = "io.pod4j.detached";

    /** On a claim's Docker volume: the PersistentVolumeClaim's name (its namespace is {@link #NAMESPACE}). */
    public static final String CLAIM = "io.pod4j.claim";
    /** On a claim's Docker volume: the claim's uid. */
    public static final String CLAIM_UID = "io.pod4j.claim-uid";
    /**
     * On a claim's Docker volume: the store that holds the claim, its directory, or
     * {@code memory:<id>} for a store in memory (gone with its owner process).
     */
    public static final String STORE = "io.pod4j.store";

    /** The container name that stands for the infra container, as the kubelet's sandbox. */
    public static final String INFRA_CONTAINER = "POD";

    private Labels() {
    }
}
