package io.pod4j.cli.supervisor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper of the CLI-supervisor protocol: one request object per line from the client,
 * one response object per line (or, for streams, several) from the supervisor. Pods, events
 * and nodes travel as fabric8's objects, in Kubernetes' JSON.
 */
public final class Wire {

    /** Reads and writes protocol messages and fabric8 objects. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Wire() {
    }
}
