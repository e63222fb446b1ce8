package io.pod4j.junit;

import io.pod4j.api.model.KubeObject;
import io.pod4j.api.model.Pod;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The JUnit 5 extension behind {@link PodTest}: starts the pods of {@link TestPod} fields (static
 * ones before all tests of the class, instance ones before each test), injects their handles,
 * explains failures with each pod's status, events and log tails, and deletes the pods with their
 * scope. One engine serves the whole test run; its reaper removes pods of a JVM that died.
 */
public final class PodExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver, TestExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PodExtension.class);
    private static final int LOG_LINES = 30;

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Started started = start(context, testClass, null, true);
        context.getStore(NS).put("pods", started);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Object instance = context.getRequiredTestInstance();
        Started started = start(context, instance.getClass(), instance, false);
        context.getStore(NS).put("pods", started);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // The method-level store closes its Started resource; nothing else to do here.
    }

    private static PodEngine engine(ExtensionContext context) {
        PodTest options = findOptions(context.getRequiredTestClass());
        long backOff = options == null ? 1000 : options.backOffBaseMillis();
        EngineResource r = context.getRoot().getStore(NS).getOrComputeIfAbsent("engine",
                k -> new EngineResource(PodEngine.builder().backOffBase(Duration.ofMillis(backOff)).build()),
                EngineResource.class);
        return r.engine;
    }

    private static PodTest findOptions(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            PodTest t = k.getAnnotation(PodTest.class);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private Started start(ExtensionContext context, Class<?> testClass, Object instance, boolean statics) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(TestPod.class) && Modifier.isStatic(f.getModifiers()) == statics) {
                    check(f);
                    fields.add(f);
                }
            }
        }
        Started started = new Started();
        if (fields.isEmpty()) {
            return started;
        }
        PodEngine engine = engine(context);
        // Create every pod first (creation returns at once), then wait for all: they start in parallel.
        List<Object[]> pending = new ArrayList<>();
        try {
            for (Field f : fields) {
                TestPod spec = f.getAnnotation(TestPod.class);
                PodHandle h = create(engine, testClass, instance, f, spec);
                started.handles.add(h);
                pending.add(new Object[] {f, spec, h});
            }
            List<CompletableFuture<Void>> waits = new ArrayList<>();
            for (Object[] p : pending) {
                TestPod spec = (TestPod) p[1];
                PodHandle h = (PodHandle) p[2];
                waits.add(CompletableFuture.runAsync(() -> await(h, spec)));
            }
            try {
                CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            for (Object[] p : pending) {
                Field f = (Field) p[0];
                f.setAccessible(true);
                f.set(statics ? null : instance, p[2]);
            }
        } catch (RuntimeException | IllegalAccessException e) {
            RuntimeException failure = e instanceof RuntimeException r ? r
                    : new ExtensionConfigurationException("cannot set a @TestPod field", e);
            for (PodHandle h : started.handles) {
                failure.addSuppressed(new PodDiagnostics(safeDiagnose(h)));
            }
            started.close();
            throw failure;
        }
        return started;
    }

    private static void check(Field f) {
        if (!PodHandle.class.equals(f.getType())) {
            throw new ExtensionConfigurationException("@TestPod field [" + f + "] must be of type PodHandle");
        }
        if (Modifier.isFinal(f.getModifiers())) {
            throw new ExtensionConfigurationException("@TestPod field [" + f + "] must not be declared as final");
        }
        TestPod t = f.getAnnotation(TestPod.class);
        int sources = (t.file().isEmpty() ? 0 : 1) + (t.resource().isEmpty() ? 0 : 1) + (t.method().isEmpty() ? 0 : 1);
        if (sources != 1) {
            throw new ExtensionConfigurationException("@TestPod field [" + f + "] needs exactly one of file, resource or method");
        }
    }

    private static PodHandle create(PodEngine engine, Class<?> testClass, Object instance, Field f, TestPod spec) {
        if (!spec.method().isEmpty()) {
            return engine.create(invoke(testClass, instance, spec.method()));
        }
        List<KubeObject> objects = spec.file().isEmpty() ? Manifests.loadResource(spec.resource())
                : Manifests.load(Path.of(spec.file()));
        List<PodHandle> pods = engine.apply(objects);
        if (pods.size() != 1) {
            throw new ExtensionConfigurationException("@TestPod field [" + f + "]: the manifest must hold exactly one Pod, found "
                    + pods.size());
        }
        return pods.get(0);
    }

    private static Pod invoke(Class<?> testClass, Object instance, String name) {
        for (Class<?> c = testClass; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 0 && Pod.class.equals(m.getReturnType())) {
                    try {
                        m.setAccessible(true);
                        return (Pod) m.invoke(Modifier.isStatic(m.getModifiers()) ? null : instance);
                    } catch (ReflectiveOperationException e) {
                        throw new ExtensionConfigurationException("@TestPod method " + name + " failed", e.getCause() == null ? e : e.getCause());
                    }
                }
            }
        }
        throw new ExtensionConfigurationException("no method \"Pod " + name + "()\" in " + testClass.getName());
    }

    private static void await(PodHandle h, TestPod spec) {
        Duration timeout = Duration.ofSeconds(spec.timeoutSeconds());
        switch (spec.await()) {
            case "Ready" -> h.awaitReady(timeout);
            case "Running", "Succeeded", "Failed" -> h.awaitPhase(spec.await(), timeout);
            case "Created" -> {
            }
            default -> throw new ExtensionConfigurationException("@TestPod await must be Ready, Running, Succeeded, Failed or Created, not "
                    + spec.await());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType().equals(PodHandle.class) && parameter.isAnnotated(PodName.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String name = parameter.findAnnotation(PodName.class).orElseThrow().value();
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Started s = c.get().getStore(NS).get("pods", Started.class);
            if (s != null) {
                for (PodHandle h : s.handles) {
                    if (h.name().equals(name)) {
                        return h;
                    }
                }
            }
        }
        throw new ParameterResolutionException("no pod named \"" + name + "\" was started for this test; @TestPod fields start pods");
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Started s = c.get().getStore(NS).get("pods", Started.class);
            if (s != null) {
                for (PodHandle h : s.handles) {
                    String report = safeDiagnose(h);
                    context.publishReportEntry("pod4j." + h.name(), report);
                    throwable.addSuppressed(new PodDiagnostics(report));
                }
            }
        }
        throw throwable;
    }

    private static String safeDiagnose(PodHandle h) {
        try {
            return h.diagnose(LOG_LINES);
        } catch (RuntimeException e) {
            return "pod " + h.namespace() + "/" + h.name() + ": no diagnosis (" + e + ")";
        }
    }

    /** The pods of one scope; closing deletes them and waits until they are gone. */
    static final class Started implements ExtensionContext.Store.CloseableResource {
        final List<PodHandle> handles = new ArrayList<>();

        @Override
        public void close() {
            handles.parallelStream().forEach(PodHandle::close);
            handles.clear();
        }
    }

    /** The engine of the test run, closed when the run ends. */
    static final class EngineResource implements ExtensionContext.Store.CloseableResource {
        final PodEngine engine;

        EngineResource(PodEngine engine) {
            this.engine = engine;
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}
