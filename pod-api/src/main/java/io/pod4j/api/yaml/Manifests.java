package io.pod4j.api.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pod4j.api.error.ManifestException;
import io.pod4j.api.error.ManifestProblem;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads and writes Kubernetes manifests: YAML or JSON, one document or many ({@code ---}), from a
 * string, a stream, a file, a directory or a classpath resource.
 *
 * <p>What is read is fabric8's objects ({@code Pod}, {@code ConfigMap}, {@code Secret},
 * {@code Namespace}, {@code Node}, {@code Event}; a {@code List} is flattened) exactly as written:
 * no defaults, no validation (that is admission's step: {@code PodDefaults}, {@code PodValidator}).
 * Decoding is the API server's strict decoding: a field Kubernetes does not have is an error
 * ({@link io.pod4j.api.error.StrictDecodingException}, as {@code kubectl apply --validate=strict})
 * unless the loader is {@link #lenient()}, which drops it with a warning. Every problem is reported at once in one
 * {@link ManifestException}, each with file, line, column, field path and a hint where one helps.
 *
 * <pre>{@code
 * List<HasMetadata> objects = Manifests.load(Path.of("pods/web.yaml"));
 * Pod web = Manifests.loadPod(Path.of("pods/web.yaml"));
 * String yaml = Manifests.toYaml(web);
 * }</pre>
 */
public final class Manifests {

    private static final Manifests STRICT = new Manifests(true);
    private static final Manifests LENIENT = new Manifests(false);

    private final ManifestReader reader;

    private Manifests(boolean strict) {
        this(new ManifestReader(strict, null));
    }

    private Manifests(ManifestReader reader) {
        this.reader = reader;
    }

    /** @return a loader that logs unknown fields as warnings instead of failing */
    public static Manifests lenient() {
        return LENIENT;
    }

    /** @return the default loader: unknown fields are errors */
    public static Manifests strict() {
        return STRICT;
    }

    /**
     * @param text YAML or JSON, one or more documents
     * @return the objects, in document order ({@code List} kinds are flattened)
     * @throws ManifestException naming every problem found
     */
    public static List<HasMetadata> load(String text) {
        return STRICT.read("<string>", text);
    }

    /**
     * @param path a file, or a directory whose {@code .yaml}, {@code .yml} and {@code .json} files
     *     are read in name order (dotfiles ignored)
     * @return the objects, in order
     * @throws ManifestException naming every problem found
     */
    public static List<HasMetadata> load(Path path) {
        return STRICT.read(path);
    }

    /**
     * @param in a stream of YAML or JSON; read to its end, not closed
     * @param source the name to report in errors, such as a file name or {@code <stdin>}
     * @return the objects, in order
     */
    public static List<HasMetadata> load(InputStream in, String source) {
        return STRICT.read(in, source);
    }

    /**
     * @param resource a classpath resource, such as {@code pods/web.yaml}
     * @return the objects, in order
     */
    public static List<HasMetadata> loadResource(String resource) {
        return STRICT.readResource(resource);
    }

    /**
     * @param path a file holding exactly one Pod (other documents, such as ConfigMaps, are allowed)
     * @return the Pod
     * @throws ManifestException when the file holds no Pod or more than one
     */
    public static Pod loadPod(Path path) {
        return onlyPod(path.toString(), load(path));
    }

    /**
     * @param text YAML or JSON holding exactly one Pod
     * @return the Pod
     */
    public static Pod loadPod(String text) {
        return onlyPod("<string>", load(text));
    }

    /**
     * @param text YAML or JSON
     * @param source the name to report in errors
     * @return the objects, in order
     */
    public List<HasMetadata> read(String source, String text) {
        return reader.read(source, text);
    }

    /**
     * A loader like this one, except that documents of kinds pod4j does not run (Ingress,
     * PodDisruptionBudget, custom resources...) are no error: each goes to {@code unsupported} and is left
     * out, so a file that holds a Pod beside its Ingress can still run the Pod. Every other
     * problem still fails the whole read.
     *
     * <pre>{@code
     * List<UnsupportedObject> left = new ArrayList<>();
     * List<HasMetadata> runnable = Manifests.strict().leavingOut(left::add).read(Path.of("k8s/web.yaml"));
     * }</pre>
     *
     * @param unsupported receives each document left out, in order
     * @return the loader
     */
    public Manifests leavingOut(java.util.function.Consumer<UnsupportedObject> unsupported) {
        return new Manifests(new ManifestReader(reader.strict(), java.util.Objects.requireNonNull(unsupported, "unsupported")));
    }

    /**
     * @param path a file or directory (see {@link #load(Path)})
     * @return the objects, in order
     */
    public List<HasMetadata> read(Path path) {
        if (Files.isDirectory(path)) {
            List<HasMetadata> all = new ArrayList<>();
            try (Stream<Path> files = Files.list(path)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (!name.startsWith(".") && Files.isRegularFile(f)
                            && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))) {
                        all.addAll(read(f));
                    }
                }
            } catch (IOException e) {
                throw unreadable(path.toString(), e);
            }
            return List.copyOf(all);
        }
        try {
            return read(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unreadable(path.toString(), e);
        }
    }

    /**
     * @param in a stream of YAML or JSON; read to its end, not closed
     * @param source the name to report in errors
     * @return the objects, in order
     */
    public List<HasMetadata> read(InputStream in, String source) {
        try {
            return read(source, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    /**
     * @param resource a classpath resource name
     * @return the objects, in order
     */
    public List<HasMetadata> readResource(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Manifests.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new ManifestException(List.of(new ManifestProblem("classpath:" + name, 0, 0, "",
                        "resource not found", "check the name and that it is on the test or main classpath")));
            }
            return read(in, "classpath:" + name);
        } catch (IOException e) {
            throw unreadable(name, e);
        }
    }

    /**
     * @param object a fabric8 object, such as a Pod or a {@link #list}
     * @return YAML as {@code kubectl get -o yaml} prints it
     */
    public static String toYaml(KubernetesResource object) {
        try {
            return GoYamlQuotes.apply(Mappers.YAML.writeValueAsString(Mappers.sorted(Mappers.TREES.valueToTree(object))));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * For callers that shape the tree themselves, such as {@code kubectl run --dry-run}'s
     * {@code resources: {}} and {@code status: {}} placeholders, which the records leave out.
     *
     * @param tree a JSON tree of an object
     * @return YAML as {@code kubectl get -o yaml} prints it (keys sorted, minimal quotes)
     */
    public static String toYaml(com.fasterxml.jackson.databind.JsonNode tree) {
        try {
            return GoYamlQuotes.apply(Mappers.YAML.writeValueAsString(Mappers.sorted(tree)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param objects several objects
     * @return one YAML document per object, separated by {@code ---}
     */
    public static String toYaml(List<? extends HasMetadata> objects) {
        StringBuilder sb = new StringBuilder();
        for (HasMetadata o : objects) {
            if (sb.length() > 0) {
                sb.append("---\n");
            }
            sb.append(toYaml(o));
        }
        return sb.toString();
    }

    /**
     * @param object a fabric8 object, such as a Pod or a {@link #list}
     * @return JSON as {@code kubectl get -o json} prints it
     */
    public static String toJson(KubernetesResource object) {
        try {
            return Mappers.JSON.writeValueAsString(object) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param objects several objects
     * @return a JSON {@code List} of them
     */
    public static String toJson(List<? extends HasMetadata> objects) {
        return toJson(list(objects));
    }

    /**
     * @param objects the items
     * @return a {@code kind: List} of copies of them, as {@code kubectl get -o yaml} prints several objects
     */
    public static KubernetesList list(List<? extends HasMetadata> objects) {
        KubernetesList list = new KubernetesList();
        list.setApiVersion("v1");
        list.setKind("List");
        ListMeta meta = new ListMeta();
        meta.setResourceVersion("");
        list.setMetadata(meta);
        list.setItems(new ArrayList<>(objects.stream().map(io.pod4j.api.build.Copies::of).toList()));
        return list;
    }

    private static Pod onlyPod(String source, List<HasMetadata> objects) {
        List<Pod> pods = objects.stream().filter(Pod.class::isInstance).map(Pod.class::cast).toList();
        if (pods.size() != 1) {
            throw new ManifestException(List.of(new ManifestProblem(source, 0, 0, "",
                    "expected exactly one Pod, found " + pods.size(),
                    pods.isEmpty() ? "add a document with \"kind: Pod\"" : "load the file with Manifests.load to get them all")));
        }
        return pods.get(0);
    }

    private static ManifestException unreadable(String source, IOException e) {
        return new ManifestException(List.of(new ManifestProblem(source, 0, 0, "",
                "cannot read: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                "check that the path exists and is readable")), e);
    }

}
