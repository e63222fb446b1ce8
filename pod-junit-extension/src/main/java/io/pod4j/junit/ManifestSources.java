package io.pod4j.junit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.yaml.Manifests;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Where the objects of a {@link TestPod} or {@link TestManifest} field come from: a file, a classpath resource or a method. */
final class ManifestSources {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ManifestSources.class);

    private ManifestSources() {
    }

    static List<HasMetadata> read(Class<?> testClass, Object instance, TestPod spec) {
        if (!spec.method().isEmpty()) {
            return List.of((Pod) invoke(testClass, instance, spec.method(), Pod.class::equals, "Pod"));
        }
        return load(spec.file(), spec.resource(), "pod4j runs Pods, with their ConfigMaps, Secrets and Services");
    }

    static List<HasMetadata> read(Class<?> testClass, Object instance, Field f, TestManifest spec) {
        if (spec.method().isEmpty()) {
            return load(spec.file(), spec.resource(), "pod4j does not serve that kind");
        }
        Object result = invoke(testClass, instance, spec.method(),
                t -> HasMetadata.class.isAssignableFrom(t) || Collection.class.isAssignableFrom(t), "HasMetadata or List<HasMetadata>");
        List<HasMetadata> objects = new ArrayList<>();
        for (Object o : result instanceof Collection<?> c ? c : List.of(result)) {
            if (!(o instanceof HasMetadata h)) {
                throw new ExtensionConfigurationException("@TestManifest field [" + f + "]: method " + spec.method()
                        + " returned " + (o == null ? "null" : "a " + o.getClass().getName()) + " among its objects");
            }
            objects.add(h);
        }
        return objects;
    }

    /** @return where a field's objects come from, for messages */
    static String describe(Field f, TestManifest spec) {
        return !spec.file().isEmpty() ? spec.file() : !spec.resource().isEmpty() ? "classpath:" + spec.resource()
                : f.getDeclaringClass().getSimpleName() + "." + spec.method() + "()";
    }

    private static List<HasMetadata> load(String file, String resource, String why) {
        // An Ingress or a custom resource is common in manifests written for a cluster: leave it out, say so.
        Manifests loader = Manifests.strict().leavingOut(u -> LOG.warn("{}:{}: {} \"{}\" left out: {}", u.source(), u.line(), u.kind(),
                u.name(), why));
        return file.isEmpty() ? loader.readResource(resource) : loader.read(Path.of(file));
    }

    private static Object invoke(Class<?> testClass, Object instance, String name, Predicate<Class<?>> returns, String what) {
        for (Class<?> c = testClass; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 0 && returns.test(m.getReturnType())) {
                    try {
                        m.setAccessible(true);
                        return m.invoke(Modifier.isStatic(m.getModifiers()) ? null : instance);
                    } catch (ReflectiveOperationException e) {
                        throw new ExtensionConfigurationException("method " + name + " failed", e.getCause() == null ? e : e.getCause());
                    }
                }
            }
        }
        throw new ExtensionConfigurationException("no method \"" + what + " " + name + "()\" in " + testClass.getName());
    }
}
