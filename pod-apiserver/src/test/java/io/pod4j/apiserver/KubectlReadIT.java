package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.api.build.Pods;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The installed kubectl reads pod4j's API: discovery, get, list. */
class KubectlReadIT {

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension();

    @Test
    void apiResourcesListsTheServedKindsWithShortNames() {
        String out = API.kubectl("api-resources").ok().out();
        assertThat(out).containsPattern("pods\\s+po\\s+v1\\s+true\\s+Pod");
        assertThat(out).containsPattern("configmaps\\s+cm\\s+v1\\s+true\\s+ConfigMap");
        assertThat(out).containsPattern("namespaces\\s+ns\\s+v1\\s+false\\s+Namespace");
        assertThat(out).containsPattern("nodes\\s+no\\s+v1\\s+false\\s+Node");
        assertThat(out).containsPattern("events\\s+ev\\s+v1\\s+true\\s+Event");
        assertThat(out).containsPattern("secrets\\s+v1\\s+true\\s+Secret");
    }
}
