/**
 * The streaming subresources of a pod, {@code exec}, {@code attach} and {@code portforward}, in the
 * protocols Kubernetes clients speak: WebSocket channels ({@code v5.channel.k8s.io},
 * {@code v4.channel.k8s.io}), SPDY/3.1 upgrades, and SPDY/3.1 tunnelled in WebSocket
 * ({@code SPDY/3.1+portforward.k8s.io}). Each protocol is a Netty handler that replaces the HTTP
 * handlers of its connection after the upgrade; behind them, Docker exec/attach streams and TCP
 * connections to the pod.
 */
package io.pod4j.apiserver.stream;
