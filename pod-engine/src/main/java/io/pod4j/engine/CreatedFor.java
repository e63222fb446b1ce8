package io.pod4j.engine;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Copies;
import io.pod4j.engine.docker.Labels;
import io.pod4j.engine.reaper.Owner;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pods created for another process of this machine, as a kubelet runs static pods for the files
 * it reads: the process is kept with the pod in the store, as its annotation
 * {@code io.pod4j.created-for}, and a pod whose process is gone is an orphan.
 */
final class CreatedFor {

    private static final Logger LOG = LoggerFactory.getLogger(CreatedFor.class);

    private CreatedFor() {
    }

    /** @return a copy of the pod annotated with the process it lives for */
    static Pod annotate(Pod pod, Owner createdFor) {
        Pod copy = Copies.of(pod);
        if (copy.getMetadata() == null) {
            copy.setMetadata(new ObjectMeta());
        }
        if (copy.getMetadata().getAnnotations() == null) {
            copy.getMetadata().setAnnotations(new LinkedHashMap<>());
        }
        copy.getMetadata().getAnnotations().put(Labels.CREATED_FOR, createdFor.id());
        return copy;
    }

    /** @return the process the pod was created for, if any */
    static Optional<Owner> of(Pod pod) {
        return Optional.ofNullable(Kubelet.createdFor(pod)).flatMap(Owner::parse);
    }

    /** Pods of a previous run created for a process that is gone are orphans: deleted, not run again. */
    static void forgetOrphans(ObjectStore store) {
        for (Pod p : store.list(ResourceTypes.PODS, ListOptions.all()).items()) {
            Owner gone = of(p).filter(o -> !o.isAliveHere()).orElse(null);
            if (gone != null) {
                LOG.info("pod {}/{} is an orphan: its owner process {} on {} is gone; not running it again",
                        p.getMetadata().getNamespace(), p.getMetadata().getName(), gone.pid(), gone.host());
                DeleteOptions now = new DeleteOptions();
                now.setGracePeriodSeconds(0L);
                store.delete(ResourceTypes.PODS, p.getMetadata().getNamespace(), p.getMetadata().getName(), now);
            }
        }
    }
}
