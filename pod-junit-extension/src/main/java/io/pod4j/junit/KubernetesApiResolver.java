package io.pod4j.junit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves, for a {@link PodTest} class, parameters that reach the Kubernetes API of the test's
 * engine: fabric8's {@code io.fabric8.kubernetes.client.KubernetesClient} and a {@link Kubeconfig}
 * {@code Path}. The engine serves its API from the first such parameter until the run ends (one
 * server per engine); a client is closed with the scope that asked for it (the test, or the class
 * for {@code @BeforeAll} methods and constructors), and the parameters of one method share one.
 *
 * <p>On the Kubernetes backend ({@link BackendChoice}) the client reaches the cluster, in the
 * engine's namespace, and the kubeconfig is the one the engine uses; no API server is started.
 *
 * <p>{@code pod-apiserver} and fabric8's client are optional dependencies: until a test asks, none
 * of their classes (nor Netty's) is loaded. This class names them only as strings; the classes
 * that use them are {@link EngineApi} and {@link Fabric8Client}.
 */
public final class KubernetesApiResolver implements ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(KubernetesApiResolver.class);
    private static final String CLIENT = "io.fabric8.kubernetes.client.KubernetesClient";
    private static final String API_SERVER = "io.pod4j.apiserver.ApiServer";
    /** In {@code kubernetes-client}: {@code kubernetes-client-api} alone has the interfaces, not the client. */
    private static final String CLIENT_IMPL = "io.fabric8.kubernetes.client.impl.KubernetesClientImpl";

    /** Created by JUnit, through {@link PodTest}'s {@code @ExtendWith}. */
    public KubernetesApiResolver() {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(Kubeconfig.class) || parameter.getParameter().getType().getName().equals(CLIENT);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (parameter.isAnnotated(Kubeconfig.class)) {
            if (!type.equals(Path.class)) {
                throw new ParameterResolutionException("@Kubeconfig parameter [" + parameter.getParameter() + "] must be of type"
                        + " java.nio.file.Path, not " + type.getName());
            }
            BackendChoice cluster = backend(context);
            if (cluster.kubernetes()) {
                return clusterKubeconfig(cluster);
            }
            require("a @Kubeconfig Path parameter", false);
            return api(context).kubeconfig();
        }
        BackendChoice cluster = backend(context);
        if (cluster.kubernetes()) {
            String namespace = PodExtension.engine(context).clusterNamespace(null);
            return context.getStore(NS).getOrComputeIfAbsent("client", k -> Fabric8Client.connect(cluster, namespace),
                    Fabric8Client.class).client();
        }
        require("a KubernetesClient parameter", true);
        EngineApi api = api(context);
        return context.getStore(NS).getOrComputeIfAbsent("client", k -> Fabric8Client.connect(api.kubeconfig()),
                Fabric8Client.class).client();
    }

    private static BackendChoice backend(ExtensionContext context) {
        return BackendChoice.read(context::getConfigurationParameter, System::getenv);
    }

    /** On a cluster: the kubeconfig the engine uses (its namespace is the file's, not the engine's: see PodEngine.clusterNamespace). */
    private static Path clusterKubeconfig(BackendChoice cluster) {
        if (cluster.kubeconfig() != null) {
            return cluster.kubeconfig();
        }
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            return Path.of(env.split(java.io.File.pathSeparator)[0]);
        }
        return Path.of(System.getProperty("user.home"), ".kube", "config");
    }

    private static EngineApi api(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent("api", k -> EngineApi.start(PodExtension.engine(context)),
                EngineApi.class);
    }

    /** Fails, naming the artifacts to add, when what the parameter needs is not on the class path. */
    private static void require(String what, boolean client) {
        List<String> missing = new ArrayList<>();
        if (!present(API_SERVER)) {
            missing.add("io.pod4j:pod-apiserver");
        }
        if (client && !present(CLIENT_IMPL)) {
            missing.add("io.fabric8:kubernetes-client");
        }
        if (!missing.isEmpty()) {
            throw new ParameterResolutionException(what + " needs the engine to serve the Kubernetes API, and "
                    + String.join(" and ", missing) + " " + (missing.size() == 1 ? "is" : "are") + " not on the test class path:"
                    + " add " + String.join(" and ", missing) + " to the test dependencies (versions from io.pod4j:pod4j-bom)");
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, KubernetesApiResolver.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
