package io.pod4j.junit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
 * scope. One engine serves the whole test run; its reaper removes pods of a JVM that died. The
 * engine runs locally or on a Kubernetes cluster, as configured ({@link BackendChoice}).
 */
public final class PodExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver, TestExecutionExceptionHandler {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PodExtension.class);
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

    /** @return the engine of the test run, built on first need (also for {@link KubernetesApiResolver}) */
    static PodEngine engine(ExtensionContext context) {
        PodTest options = findOptions(context.getRequiredTestClass());
        long backOff = options == null ? 1000 : options.backOffBaseMillis();
        EngineResource r = context.getRoot().getStore(NS).getOrComputeIfAbsent("engine",
                k -> new EngineResource(BackendChoice.read(context::getConfigurationParameter, System::getenv)
                        .applyTo(PodEngine.builder().backOffBase(Duration.ofMillis(backOff))).build()),
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
        List<PodHandle> handles = new ArrayList<>();
        List<CompletableFuture<PodHandle>> ready = new ArrayList<>();
        try {
            for (Field f : fields) {
                TestPod spec = f.getAnnotation(TestPod.class);
                List<HasMetadata> objects = objects(testClass, instance, spec);
                if (spec.reuse()) {
                    ReusedPod shared = context.getRoot().getStore(NS).getOrComputeIfAbsent(
                            "reuse:" + Manifests.toJson(objects), k -> new ReusedPod(), ReusedPod.class);
                    ready.add(CompletableFuture.supplyAsync(() -> shared.get(() -> startShared(engine, f, spec, objects))));
                } else {
                    started.locks.add(nameLock(context, f, spec, objects));
                    PodHandle h = create(engine, f, objects);
                    started.handles.add(h);
                    started.owned.add(h);
                    ready.add(CompletableFuture.supplyAsync(() -> {
                        await(h, spec);
                        return h;
                    }));
                }
            }
            try {
                CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            for (CompletableFuture<PodHandle> r : ready) {
                handles.add(r.join());
            }
            for (int i = 0; i < fields.size(); i++) {
                PodHandle h = handles.get(i);
                if (!started.handles.contains(h)) {
                    started.handles.add(h); // a shared pod: found for injection and diagnostics, not closed with the class
                }
                Field f = fields.get(i);
                f.setAccessible(true);
                f.set(statics ? null : instance, h);
            }
        } catch (RuntimeException | IllegalAccessException e) {
            RuntimeException failure = e instanceof RuntimeException r ? r
                    : new ExtensionConfigurationException("cannot set a @TestPod field", e);
            for (PodHandle h : started.owned) {
                failure.addSuppressed(new PodDiagnostics(safeDiagnose(h)));
            }
            started.close();
            throw failure;
        }
        return started;
    }

    /**
     * A pod name can be taken by one pod at a time. Under JUnit's parallel execution two tests (or
     * classes) declaring the same pod would collide with AlreadyExists; instead the second waits
     * until the first one's pod is deleted. Pods with {@code generateName} get unique names and never wait.
     */
    private static Semaphore nameLock(ExtensionContext context, Field f, TestPod spec, List<HasMetadata> objects) {
        Pod pod = (Pod) objects.stream().filter(Pod.class::isInstance).findFirst().orElse(null);
        String name = pod == null ? null : pod.getMetadata().getName();
        if (name == null || name.isEmpty()) {
            return new Semaphore(0);
        }
        String ns = pod.getMetadata().getNamespace() == null ? "default" : pod.getMetadata().getNamespace();
        Semaphore lock = context.getRoot().getStore(NS).getOrComputeIfAbsent("name:" + ns + "/" + name,
                k -> new Semaphore(1, true), Semaphore.class);
        try {
            if (!lock.tryAcquire(spec.timeoutSeconds(), TimeUnit.SECONDS)) {
                throw new ExtensionConfigurationException("@TestPod field [" + f + "]: pod " + ns + "/" + name
                        + " is still used by another test after " + spec.timeoutSeconds() + "s; give the pods distinct names, "
                        + "use metadata.generateName, or share it with reuse = true");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtensionConfigurationException("interrupted while waiting for pod name " + name, e);
        }
        return lock;
    }

    /** Starts a pod shared across classes; on failure explains it and removes it, as for any pod. */
    private static PodHandle startShared(PodEngine engine, Field f, TestPod spec, List<HasMetadata> objects) {
        PodHandle h = create(engine, f, objects);
        try {
            await(h, spec);
            return h;
        } catch (RuntimeException e) {
            e.addSuppressed(new PodDiagnostics(safeDiagnose(h)));
            h.close();
            throw e;
        }
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
        if (t.reuse() && !Modifier.isStatic(f.getModifiers())) {
            throw new ExtensionConfigurationException("@TestPod(reuse = true) field [" + f + "] must be static: a pod per test cannot be shared");
        }
    }

    private static List<HasMetadata> objects(Class<?> testClass, Object instance, TestPod spec) {
        if (!spec.method().isEmpty()) {
            return List.of(invoke(testClass, instance, spec.method()));
        }
        // An Ingress or a custom resource beside the Pod is common in manifests written for a cluster: leave it out, say so.
        Manifests loader = Manifests.strict().leavingOut(u -> LOG.warn("{}:{}: {} \"{}\" left out: pod4j runs Pods, with their"
                + " ConfigMaps, Secrets and Services", u.source(), u.line(), u.kind(), u.name()));
        return spec.file().isEmpty() ? loader.readResource(spec.resource()) : loader.read(Path.of(spec.file()));
    }

    private static PodHandle create(PodEngine engine, Field f, List<HasMetadata> objects) {
        long podCount = objects.stream().filter(Pod.class::isInstance).count();
        if (podCount != 1) {
            throw new ExtensionConfigurationException("@TestPod field [" + f + "]: the manifest must hold exactly one Pod, found "
                    + podCount);
        }
        return engine.apply(objects).get(0);
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
        Class<?> type = parameter.getParameter().getType();
        return type.equals(PodHandle.class) && parameter.isAnnotated(PodName.class) || type.equals(PodEngine.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType().equals(PodEngine.class)) {
            return engine(context); // the run's engine: what the test's pods, and its KubernetesClient, run on
        }
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

    /**
     * The pods of one scope; closing deletes those it owns (not the shared ones) and waits until
     * they are gone.
     */
    static final class Started implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final List<PodHandle> handles = new ArrayList<>();
        final List<PodHandle> owned = new ArrayList<>();
        final List<Semaphore> locks = new ArrayList<>();

        @Override
        public void close() {
            try {
                owned.parallelStream().forEach(PodHandle::close);
            } finally {
                owned.clear();
                handles.clear();
                locks.forEach(Semaphore::release); // only now: the names are free again
                locks.clear();
            }
        }
    }

    /** The engine of the test run, closed when the run ends. */
    static final class EngineResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
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
