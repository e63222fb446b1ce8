package io.pod4j.cli.supervisor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.pod4j.api.build.Copies;
import io.pod4j.api.error.AlreadyExistsException;
import io.pod4j.api.error.ManifestException;
import io.pod4j.api.error.StrictDecodingException;
import io.pod4j.api.validation.PodDefaults;
import io.pod4j.api.validation.PodWarnings;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.api.yaml.UnsupportedObject;
import io.pod4j.cli.ApiError;
import io.pod4j.cli.verbs.ManifestFiles;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.reaper.Owner;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.PatchType;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The supervisor's apply and create: the objects of a manifest created, or changed as the API
 * server allows, each with its own outcome (action or error) as kubectl prints it.
 */
final class Applies {

    private final PodEngine engine;
    private final ObjectStore store;

    Applies(PodEngine engine) {
        this.engine = engine;
        this.store = engine.store();
    }

    JsonNode apply(JsonNode req) {
        boolean create = "create".equals(req.path("mode").asText());
        String source = req.path("source").asText();
        String text = req.path("text").asText();
        List<HasMetadata> loaded;
        List<UnsupportedObject> unsupported = new ArrayList<>();
        List<StrictDecodingException.Rejected> rejected = new ArrayList<>();
        try {
            loaded = Manifests.strict().leavingOut(unsupported::add).read(source, text);
        } catch (StrictDecodingException e) {
            // As the API server, which gets each object on its own: those with unknown fields are
            // refused, the others applied (read again without the strict check, then left out).
            rejected.addAll(e.rejected());
            unsupported.clear();
            loaded = Manifests.lenient().leavingOut(unsupported::add).read(source, text).stream()
                    .filter(o -> rejected.stream().noneMatch(r -> StrictDecoding.refers(r, o))).toList();
        } catch (ManifestException e) {
            throw StrictDecoding.yamlSyntax(source, e)
                    .orElseGet(() -> new ApiError(null, "error validating \"" + source + "\": " + e.getMessage()));
        }
        String defaultNs = req.hasNonNull("namespace") ? req.get("namespace").asText() : PodDefaults.DEFAULT_NAMESPACE;
        boolean explicitNs = req.path("explicitNamespace").asBoolean();
        ArrayNode results = Wire.JSON.createArrayNode();
        for (HasMetadata o : loaded) {
            if (!(o instanceof ConfigMap) && !(o instanceof Secret)) {
                continue;
            }
            String kind = o.getKind().toLowerCase(Locale.ROOT);
            String name = o.getMetadata() == null ? null : o.getMetadata().getName();
            ObjectNode r = results.addObject().put("kind", kind).put("name", name);
            String ns = namespaceOf(o, defaultNs);
            if (explicitNs && !ns.equals(defaultNs)) {
                Operations.error(r, null, ApiError.namespaceMismatch(ns, defaultNs).getMessage());
                continue;
            }
            HasMetadata withNs = Copies.of(o);
            if (withNs.getMetadata() == null) {
                withNs.setMetadata(new ObjectMeta());
            }
            withNs.getMetadata().setNamespace(ns);
            try {
                r.put("action", createOrReplace(withNs, create));
            } catch (StoreException e) {
                refused(r, e, source);
            }
        }
        for (HasMetadata o : loaded) {
            if (o instanceof Pod pod) {
                applyPod(pod, req, create, source, namespaceOf(pod, defaultNs), results.addObject());
            }
        }
        for (StrictDecodingException.Rejected r : rejected) {
            Operations.error(results.addObject().put("kind", r.kind().toLowerCase(Locale.ROOT)).put("name", r.name()),
                    "BadRequest", StrictDecoding.refusal(r));
        }
        for (HasMetadata o : loaded) {
            if (!(o instanceof Pod) && !(o instanceof ConfigMap) && !(o instanceof Secret)) {
                // A Namespace, Node or Event: read by the loader, but not what apply runs here.
                unsupported.add(new UnsupportedObject(source, 0, reference(o)));
            }
        }
        for (UnsupportedObject u : unsupported) {
            // As kubectl with a kind its server does not know: the rest is applied, this one is an error.
            ObjectNode r = results.addObject().put("kind", u.kind().toLowerCase(Locale.ROOT)).put("name", u.name());
            r.putObject("error").putNull("reason").put("message", ManifestFiles.leftOut(u));
        }
        return results;
    }

    /** Creates the pod, or changes what may change on a running one; the outcome goes to {@code r}. */
    private void applyPod(Pod manifest, JsonNode req, boolean create, String source, String ns, ObjectNode r) {
        String defaultNs = req.hasNonNull("namespace") ? req.get("namespace").asText() : PodDefaults.DEFAULT_NAMESPACE;
        String name = manifest.getMetadata() == null ? null : manifest.getMetadata().getName();
        r.put("kind", "pod").put("name", name);
        if (req.path("explicitNamespace").asBoolean() && !ns.equals(defaultNs)) {
            Operations.error(r, null, ApiError.namespaceMismatch(ns, defaultNs).getMessage());
            return;
        }
        Pod pod = Copies.of(manifest);
        if (pod.getMetadata() == null) {
            pod.setMetadata(new ObjectMeta());
        }
        pod.getMetadata().setNamespace(ns);
        try {
            var existing = name == null ? Optional.<Pod>empty() : engine.get(ns, name);
            if (existing.isPresent()) {
                if (create) {
                    Operations.error(r, "AlreadyExists", "error when creating \"" + source + "\": pods \"" + name + "\" already exists");
                    return;
                }
                // As kubectl's patch: the store's Pod update rules decide what may change (images, labels...).
                Pod applied = Copies.of(pod);
                applied.setStatus(null);
                applied.getMetadata().setResourceVersion(null);
                Pod updated = store.patch(ResourceTypes.PODS, ns, name, PatchType.STRATEGIC_MERGE, Wire.JSON.writeValueAsString(applied));
                r.put("action", updated.getMetadata().getResourceVersion().equals(existing.get().getMetadata().getResourceVersion())
                        ? "unchanged" : "configured");
            } else {
                // A pod created for a client process (a kubelet's static pod) is an orphan when it dies.
                Optional<Owner> createdFor = req.hasNonNull("ownerPid") ? Owner.of(req.get("ownerPid").asLong()) : Optional.empty();
                if (req.hasNonNull("ownerPid") && createdFor.isEmpty()) {
                    Operations.error(r, "BadRequest", "pod \"" + name + "\" is for process " + req.get("ownerPid").asLong()
                            + ", which is gone; start it from a running process");
                    return;
                }
                PodHandle h = engine.create(pod, createdFor.orElse(null));
                // The API server's Warning headers, which kubectl prints before its result line.
                PodWarnings.of(pod).forEach(r.withArray("warnings")::add);
                r.put("name", h.name());
                r.put("action", "created");
            }
        } catch (StoreException e) {
            refused(r, e, source);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (AlreadyExistsException e) {
            Operations.error(r, "AlreadyExists", "error when creating \"" + source + "\": " + e.getMessage());
        } catch (ManifestException e) {
            // The API server's validation: kubectl prints its causes, "field: message".
            Operations.error(r, "Invalid", ApiError.invalid("Pod", name, e.problems().stream()
                    .map(x -> x.message().startsWith(x.path()) || x.path().isEmpty() ? x.message() : x.path() + ": " + x.message())
                    .toList()).getMessage());
        }
    }

    /** Creates a ConfigMap or Secret, or replaces it (apply); the store's rules judge both. */
    private String createOrReplace(HasMetadata object, boolean create) {
        var type = store.types().of(object);
        String before;
        try {
            before = store.get(type, object.getMetadata().getNamespace(), object.getMetadata().getName())
                    .getMetadata().getResourceVersion();
        } catch (StoreException notFound) {
            before = null;
        }
        if (before == null || create) {
            store.create(object);
            return "created";
        }
        HasMetadata replacement = Copies.of(object);
        replacement.getMetadata().setResourceVersion(null);
        return store.update(replacement).getMetadata().getResourceVersion().equals(before) ? "unchanged" : "configured";
    }

    /** A refusal of the store, as kubectl prints the API server's Status. */
    private static void refused(ObjectNode r, StoreException e, String source) {
        ApiError a = StoreErrors.of(e);
        Operations.error(r, a.reason(), "AlreadyExists".equals(e.reason()) ? "error when creating \"" + source + "\": " + e.getMessage()
                : a.getMessage());
    }

    /**
     * The namespace an object goes to: its own when the manifest names one (even {@code default}),
     * else the request's ({@code -n}, or {@code default}).
     */
    private static String namespaceOf(HasMetadata o, String defaultNs) {
        String ns = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? defaultNs : ns;
    }

    /** An object's apiVersion, kind, namespace and name, as a kind pod4j does not run is named. */
    private static GenericKubernetesResource reference(HasMetadata o) {
        GenericKubernetesResource g = new GenericKubernetesResource();
        g.setApiVersion(o.getApiVersion());
        g.setKind(o.getKind());
        ObjectMeta meta = new ObjectMeta();
        if (o.getMetadata() != null) {
            meta.setName(o.getMetadata().getName());
            meta.setNamespace(o.getMetadata().getNamespace());
        }
        g.setMetadata(meta);
        return g;
    }
}
