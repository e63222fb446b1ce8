package io.pod4j.junit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
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
 * The JUnit 5 extension behind {@link PodTest}: starts the pods of {@link TestPod} fields and
 * applies the manifests of {@link TestManifest} fields (static ones before all tests of the class,
 * instance ones before each test), waits until they are ready, injects their handles and
 * {@link ServiceAddress Service addresses}, explains failures with each pod's and workload's
 * status, events and log tails, and deletes them with their scope. One engine serves the whole
 * test run; its reaper removes pods of a JVM that died. The
 * engine runs locally or on a Kubernetes cluster, as configured ({@link BackendChoice}).
 */
public final class PodExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver, TestExecutionExceptionHandler {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PodExtension.class);
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PodExtension.class);
    private static final int LOG_LINES = 30;
    private static final Set<Class<?>> WORKLOADS = Set.of(Deployment.class, ReplicaSet.class, StatefulSet.class, DaemonSet.class,
            Job.class, CronJob.class);
    /** A thread per wait (the common pool may have one thread): a failure anywhere is seen at once. */
    private static final Executor AWAITING = r -> {
        Thread t = new Thread(r, "pod4j-junit-await");
        t.setDaemon(true);
        t.start();
    };

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        try {
            // Its static initializers run before its pods start, as they would before any of its code.
            Class.forName(testClass.getName(), true, testClass.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExtensionConfigurationException("cannot initialize " + testClass.getName(), e);
        }
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
        List<Field> manifestFields = new ArrayList<>();
        List<Field> addressFields = new ArrayList<>();
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) != statics) {
                    continue;
                }
                if (f.isAnnotationPresent(TestPod.class)) {
                    check(f);
                    fields.add(f);
                } else if (f.isAnnotationPresent(TestManifest.class)) {
                    checkManifest(f);
                    manifestFields.add(f);
                } else if (f.isAnnotationPresent(ServiceAddress.class)) {
                    if (!ServicePorts.TYPES.contains(f.getType()) || Modifier.isFinal(f.getModifiers())) {
                        throw new ExtensionConfigurationException("@ServiceAddress field [" + f + "] must be a URI, a String or an"
                                + " InetSocketAddress, and not final");
                    }
                    addressFields.add(f);
                }
            }
        }
        Started started = new Started();
        if (fields.isEmpty() && manifestFields.isEmpty() && addressFields.isEmpty()) {
            return started;
        }
        // Every source read and checked before the engine starts: a mistake in one costs no Docker.
        List<List<HasMetadata>> podObjects = new ArrayList<>();
        for (Field f : fields) {
            podObjects.add(checkPodManifest(f, ManifestSources.read(testClass, instance, f.getAnnotation(TestPod.class))));
        }
        List<List<HasMetadata>> manifestObjects = new ArrayList<>();
        for (Field f : manifestFields) {
            manifestObjects.add(ManifestSources.read(testClass, instance, f, f.getAnnotation(TestManifest.class)));
        }
        PodEngine engine = engine(context);
        // Create every pod and apply every manifest first (that returns at once), then wait for all: they start in parallel.
        List<PodHandle> handles = new ArrayList<>();
        List<CompletableFuture<PodHandle>> ready = new ArrayList<>();
        List<CompletableFuture<Void>> manifestsReady = new ArrayList<>();
        try {
            for (int i = 0; i < fields.size(); i++) {
                Field f = fields.get(i);
                TestPod spec = f.getAnnotation(TestPod.class);
                List<HasMetadata> objects = podObjects.get(i);
                if (spec.reuse()) {
                    ReusedPod shared = context.getRoot().getStore(NS).getOrComputeIfAbsent(
                            "reuse:" + Manifests.toJson(objects), k -> new ReusedPod(), ReusedPod.class);
                    ready.add(CompletableFuture.supplyAsync(() -> shared.get(() -> startShared(engine, spec, objects)), AWAITING));
                } else {
                    started.locks.addAll(nameLocks(context, f, spec.timeoutSeconds(), objects.stream().filter(Pod.class::isInstance).toList()));
                    PodHandle h = engine.apply(objects).get(0);
                    started.handles.add(h);
                    started.owned.add(h);
                    ready.add(CompletableFuture.supplyAsync(() -> {
                        await(h, spec);
                        return h;
                    }, AWAITING));
                }
            }
            for (int i = 0; i < manifestFields.size(); i++) {
                Field f = manifestFields.get(i);
                TestManifest spec = f.getAnnotation(TestManifest.class);
                List<HasMetadata> objects = manifestObjects.get(i);
                started.locks.addAll(nameLocks(context, f, spec.timeoutSeconds(), objects));
                ManifestHandle m = ManifestHandle.apply(engine, ManifestSources.describe(f, spec), objects);
                started.manifests.add(m);
                if (spec.await()) {
                    manifestsReady.add(CompletableFuture.runAsync(() -> Waiting.untilReady(m, Duration.ofSeconds(spec.timeoutSeconds())),
                            AWAITING));
                }
            }
            try {
                CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
                CompletableFuture.allOf(manifestsReady.toArray(CompletableFuture[]::new)).join();
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
                set(fields.get(i), statics ? null : instance, h);
            }
            for (int i = 0; i < manifestFields.size(); i++) {
                set(manifestFields.get(i), statics ? null : instance, started.manifests.get(i));
            }
            for (Field f : addressFields) {
                set(f, statics ? null : instance, ServicePorts.resolve(engine, f.getAnnotation(ServiceAddress.class), f.getType(), f.toString()));
            }
        } catch (RuntimeException | IllegalAccessException e) {
            RuntimeException failure = e instanceof RuntimeException r ? r
                    : new ExtensionConfigurationException("cannot set a @TestPod or @TestManifest field", e);
            for (PodHandle h : started.owned) {
                failure.addSuppressed(new PodDiagnostics(safeDiagnose(h)));
            }
            for (ManifestHandle m : started.manifests) {
                failure.addSuppressed(new PodDiagnostics(safeDiagnose(m)));
            }
            started.close();
            throw failure;
        }
        return started;
    }

    private static void set(Field f, Object instance, Object value) throws IllegalAccessException {
        f.setAccessible(true);
        f.set(instance, value);
    }

    /**
     * A name can be taken by one object of a kind at a time. Under JUnit's parallel execution two
     * tests (or classes) declaring the same pod, or the same manifest, would collide (AlreadyExists,
     * or one deleting what the other uses); instead the second waits until the first one's objects
     * are deleted. Pods with {@code generateName} get unique names and never wait.
     */
    private static List<Semaphore> nameLocks(ExtensionContext context, Field f, long timeoutSeconds, List<HasMetadata> objects) {
        List<String> keys = objects.stream().filter(o -> o.getMetadata() != null && o.getMetadata().getName() != null
                        && !o.getMetadata().getName().isEmpty())
                .map(o -> o.getKind().toLowerCase(java.util.Locale.ROOT) + " "
                        + (o.getMetadata().getNamespace() == null ? "default" : o.getMetadata().getNamespace()) + "/" + o.getMetadata().getName())
                .distinct().sorted().toList(); // taken in one order by every test: no two wait for each other
        List<Semaphore> held = new ArrayList<>();
        try {
            for (String key : keys) {
                Semaphore lock = context.getRoot().getStore(NS).getOrComputeIfAbsent("name:" + key, k -> new Semaphore(1, true),
                        Semaphore.class);
                if (!lock.tryAcquire(timeoutSeconds, TimeUnit.SECONDS)) {
                    throw new ExtensionConfigurationException("field [" + f + "]: " + key + " is still used by another test after "
                            + timeoutSeconds + "s; give the objects distinct names, use metadata.generateName for pods, or share a"
                            + " pod with reuse = true");
                }
                held.add(lock);
            }
        } catch (InterruptedException e) {
            held.forEach(Semaphore::release);
            Thread.currentThread().interrupt();
            throw new ExtensionConfigurationException("interrupted while waiting for the names " + keys, e);
        } catch (RuntimeException e) {
            held.forEach(Semaphore::release);
            throw e;
        }
        return held;
    }

    /** Starts a pod shared across classes; on failure explains it and removes it, as for any pod. */
    private static PodHandle startShared(PodEngine engine, TestPod spec, List<HasMetadata> objects) {
        PodHandle h = engine.apply(objects).get(0);
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

    /** One Pod, with what it uses; a workload would outlive the pod's scope. */
    private static List<HasMetadata> checkPodManifest(Field f, List<HasMetadata> objects) {
        long podCount = objects.stream().filter(Pod.class::isInstance).count();
        if (podCount != 1) {
            throw new ExtensionConfigurationException("@TestPod field [" + f + "]: the manifest must hold exactly one Pod, found "
                    + podCount);
        }
        objects.stream().filter(o -> WORKLOADS.contains(o.getClass())).findFirst().ifPresent(o -> {
            throw new ExtensionConfigurationException("@TestPod field [" + f + "]: the manifest holds a " + o.getKind() + " (\""
                    + o.getMetadata().getName() + "\"): use @TestManifest for manifests with workloads");
        });
        return objects;
    }

    private static void checkManifest(Field f) {
        if (!ManifestHandle.class.equals(f.getType())) {
            throw new ExtensionConfigurationException("@TestManifest field [" + f + "] must be of type ManifestHandle");
        }
        if (Modifier.isFinal(f.getModifiers())) {
            throw new ExtensionConfigurationException("@TestManifest field [" + f + "] must not be declared as final");
        }
        TestManifest t = f.getAnnotation(TestManifest.class);
        int sources = (t.file().isEmpty() ? 0 : 1) + (t.resource().isEmpty() ? 0 : 1) + (t.method().isEmpty() ? 0 : 1);
        if (sources != 1) {
            throw new ExtensionConfigurationException("@TestManifest field [" + f + "] needs exactly one of file, resource or method");
        }
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
        return type.equals(PodHandle.class) && parameter.isAnnotated(PodName.class) || type.equals(PodEngine.class)
                || parameter.isAnnotated(ServiceAddress.class); // of another type: resolving says which types it can be
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType().equals(PodEngine.class)) {
            return engine(context); // the run's engine: what the test's pods, and its KubernetesClient, run on
        }
        Optional<ServiceAddress> address = parameter.findAnnotation(ServiceAddress.class);
        if (address.isPresent()) {
            try {
                ServicePorts.checkType(parameter.getParameter().getType(), parameter.getParameter().toString()); // before any engine
                return ServicePorts.resolve(engine(context), address.get(), parameter.getParameter().getType(),
                        parameter.getParameter().toString());
            } catch (RuntimeException e) {
                throw new ParameterResolutionException(e.getMessage(), e);
            }
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
                for (ManifestHandle m : s.manifests) {
                    if (m.refs().stream().anyMatch(r -> r.type().type() == Pod.class && r.name().equals(name))) {
                        return m.pods(Pod.class, name).get(0);
                    }
                }
            }
        }
        throw new ParameterResolutionException("no pod named \"" + name + "\" was started for this test; @TestPod fields start pods,"
                + " and so do the Pods of @TestManifest manifests");
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
                for (ManifestHandle m : s.manifests) {
                    String report = safeDiagnose(m);
                    context.publishReportEntry("pod4j." + m.source(), report);
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

    private static String safeDiagnose(ManifestHandle m) {
        try {
            return m.diagnose(LOG_LINES);
        } catch (RuntimeException e) {
            return "manifest " + m.source() + ": no diagnosis (" + e + ")";
        }
    }

    /**
     * The pods and manifests of one scope; closing deletes those it owns (not the shared pods) and
     * waits until they are gone.
     */
    static final class Started implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final List<PodHandle> handles = new ArrayList<>();
        final List<PodHandle> owned = new ArrayList<>();
        final List<ManifestHandle> manifests = new ArrayList<>();
        final List<Semaphore> locks = new ArrayList<>();

        @Override
        public void close() {
            try {
                java.util.stream.Stream.concat(owned.stream().map(h -> (Runnable) h::close),
                        manifests.stream().map(m -> (Runnable) m::delete)).toList().parallelStream().forEach(Runnable::run);
            } finally {
                owned.clear();
                manifests.clear();
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
