package io.pod4j.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the path of a kubeconfig that reaches the Kubernetes API of the test's engine into a
 * {@code java.nio.file.Path} parameter of a test, lifecycle method or constructor of a
 * {@link PodTest} class: for kubectl, client-go tools or any other client run by the code under
 * test ({@code kubectl --kubeconfig PATH get pods}). The engine starts serving its API on first
 * need, on 127.0.0.1 over TLS with a bearer token (both in the file), and stops when the engine
 * closes. Needs {@code io.pod4j:pod-apiserver} on the test class path.
 *
 * <pre>{@code
 * @Test
 * void listsPods(@Kubeconfig Path kubeconfig) throws Exception {
 *     new ProcessBuilder("kubectl", "--kubeconfig", kubeconfig.toString(), "get", "pods").inheritIO().start();
 * }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Kubeconfig {
}
