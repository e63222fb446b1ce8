package io.pod4j.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects where a Service port answers on this machine, as {@code kubectl port-forward svc/NAME}
 * gives it (127.0.0.1 and a port of the Service's proxy, spreading connections over its ready
 * endpoints; it works on Docker Desktop too, where pod IPs are not reachable): into a parameter of
 * a test or lifecycle method, or a field (static fields once the class's objects are ready,
 * instance fields before each test), of type {@link java.net.URI} ({@code http://127.0.0.1:PORT},
 * {@code https} when the port is named or has appProtocol {@code https}), {@link String}
 * ({@code 127.0.0.1:PORT}) or {@link java.net.InetSocketAddress}.
 *
 * <pre>{@code
 * @Test
 * void greets(@ServiceAddress("greeter") URI greeter, @ServiceAddress(value = "db", port = "5432") InetSocketAddress db)
 * }</pre>
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ServiceAddress {

    /** @return the Service's {@code metadata.name} */
    String value();

    /**
     * @return the port: its name ({@code spec.ports[].name}) or number ({@code spec.ports[].port});
     *     empty for the Service's only TCP port
     */
    String port() default "";

    /** @return the Service's namespace */
    String namespace() default "default";
}
