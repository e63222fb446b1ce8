package io.pod4j.apiserver.conversion;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.store.ResourceType;
import java.util.List;

/**
 * A group version served from objects stored as another, as the API server serves
 * {@code events.k8s.io/v1} Events from the core/v1 Events in etcd: each object converted on the
 * way out and on the way in, field selectors named as the stored kind names its fields. Pure.
 */
public interface Conversion {

    /** @return the kind the objects are stored as */
    ResourceType<?> storage();

    /** @return the stored object (JSON) as the served group version has it */
    ObjectNode toServed(ObjectNode stored);

    /** @return the served object (JSON) as the store keeps it */
    ObjectNode toStored(ObjectNode served);

    /** @return a field selector of the served version, in the stored kind's field names; null stays null */
    String fieldSelector(String selector);

    /**
     * @param served an object created through the served version
     * @return what that version's validation refuses in it, as {@code path: reason} in the API
     *     server's words; empty when nothing
     */
    List<String> createErrors(ObjectNode served);
}
