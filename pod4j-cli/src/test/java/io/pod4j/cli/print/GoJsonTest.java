package io.pod4j.cli.print;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class GoJsonTest {

    private static final String TREE = "{\"name\":\"web\",\"labels\":{\"b\":\"<x>\",\"a\":\"1\"},\"ports\":[8080],\"empty\":{},\"none\":[]}";

    @Test
    void indentsWithFourSpacesAndSortsKeysAsKubectlGetOutputJson() throws Exception {
        assertThat(GoJson.indented(new ObjectMapper().readTree(TREE))).isEqualTo("""
                {
                    "empty": {},
                    "labels": {
                        "a": "1",
                        "b": "\\u003cx\\u003e"
                    },
                    "name": "web",
                    "none": [],
                    "ports": [
                        8080
                    ]
                }""");
    }

    @Test
    void writesCompactJsonForJsonpathResults() throws Exception {
        assertThat(GoJson.compact(new ObjectMapper().readTree(TREE)))
                .isEqualTo("{\"empty\":{},\"labels\":{\"a\":\"1\",\"b\":\"\\u003cx\\u003e\"},\"name\":\"web\",\"none\":[],\"ports\":[8080]}");
    }
}
