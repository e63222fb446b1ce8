package io.pod4j.api.model;

/**
 * A top-level Kubernetes object that pod4j reads, writes or reports: it has an
 * {@code apiVersion}, a {@code kind} and {@code metadata}.
 */
public sealed interface KubeObject permits Pod, ConfigMap, Secret, Node, Event, KubeList {

    /** @return the API version, such as {@code v1} */
    String apiVersion();

    /** @return the kind, such as {@code Pod} */
    String kind();

    /** @return the object's metadata; never null */
    ObjectMeta metadata();
}
