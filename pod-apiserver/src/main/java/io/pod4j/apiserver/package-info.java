/**
 * The Kubernetes REST API served from pod4j's object store: a translation of HTTP into store calls
 * plus the streaming verbs (logs, exec, attach, port-forward). It holds no state of its own.
 */
package io.pod4j.apiserver;
