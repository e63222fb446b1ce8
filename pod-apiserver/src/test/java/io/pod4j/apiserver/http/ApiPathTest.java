package io.pod4j.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiPathTest {

    @Test
    void readsANamespacedSubresource() {
        ApiPath p = ApiPath.parse("/api/v1/namespaces/default/pods/web/log");
        assertThat(p).isEqualTo(new ApiPath(ApiPath.Kind.RESOURCE, "", "v1", "default", "pods", "web", "log", null));
    }

    @Test
    void readsANamespacedCollection() {
        ApiPath p = ApiPath.parse("/api/v1/namespaces/kube-system/configmaps");
        assertThat(p.resource()).isEqualTo("configmaps");
        assertThat(p.namespace()).isEqualTo("kube-system");
        assertThat(p.named()).isFalse();
    }

    @Test
    void tellsANamespaceFromAResourceInIt() {
        assertThat(ApiPath.parse("/api/v1/namespaces/dev"))
                .isEqualTo(new ApiPath(ApiPath.Kind.RESOURCE, "", "v1", null, "namespaces", "dev", null, null));
        assertThat(ApiPath.parse("/api/v1/namespaces/dev/status"))
                .isEqualTo(new ApiPath(ApiPath.Kind.RESOURCE, "", "v1", null, "namespaces", "dev", "status", null));
        assertThat(ApiPath.parse("/api/v1/namespaces/dev/pods").resource()).isEqualTo("pods");
    }

    @Test
    void readsClusterWideListsAndClusterScopedObjects() {
        assertThat(ApiPath.parse("/api/v1/pods"))
                .isEqualTo(new ApiPath(ApiPath.Kind.RESOURCE, "", "v1", null, "pods", null, null, null));
        assertThat(ApiPath.parse("/api/v1/nodes/vm/status"))
                .isEqualTo(new ApiPath(ApiPath.Kind.RESOURCE, "", "v1", null, "nodes", "vm", "status", null));
    }

    @Test
    void readsNamedGroups() {
        assertThat(ApiPath.parse("/apis").kind()).isEqualTo(ApiPath.Kind.GROUPS);
        assertThat(ApiPath.parse("/apis/events.k8s.io").kind()).isEqualTo(ApiPath.Kind.GROUP);
        ApiPath gv = ApiPath.parse("/apis/events.k8s.io/v1");
        assertThat(gv.kind()).isEqualTo(ApiPath.Kind.GROUP_VERSION);
        assertThat(gv.group()).isEqualTo("events.k8s.io");
        assertThat(ApiPath.parse("/apis/events.k8s.io/v1/namespaces/a/events/e1"))
                .isEqualTo(new ApiPath(ApiPath.Kind.RESOURCE, "events.k8s.io", "v1", "a", "events", "e1", null, null));
    }

    @Test
    void readsDiscoveryAndServerPaths() {
        assertThat(ApiPath.parse("/api").kind()).isEqualTo(ApiPath.Kind.CORE_VERSIONS);
        assertThat(ApiPath.parse("/api/v1").kind()).isEqualTo(ApiPath.Kind.GROUP_VERSION);
        assertThat(ApiPath.parse("/version").kind()).isEqualTo(ApiPath.Kind.VERSION);
        assertThat(ApiPath.parse("/readyz").kind()).isEqualTo(ApiPath.Kind.HEALTH);
        assertThat(ApiPath.parse("/livez/ping").kind()).isEqualTo(ApiPath.Kind.HEALTH);
        ApiPath openapi = ApiPath.parse("/openapi/v3/api/v1");
        assertThat(openapi.kind()).isEqualTo(ApiPath.Kind.OPENAPI);
        assertThat(openapi.rest()).isEqualTo("v3/api/v1");
    }

    @Test
    void refusesWhatNamesNothing() {
        assertThat(ApiPath.parse("/").kind()).isEqualTo(ApiPath.Kind.UNKNOWN);
        assertThat(ApiPath.parse("/metrics").kind()).isEqualTo(ApiPath.Kind.UNKNOWN);
        assertThat(ApiPath.parse("/api/v1/namespaces/a/pods/web/log/extra").kind()).isEqualTo(ApiPath.Kind.UNKNOWN);
        assertThat(ApiPath.parse("/openapi").kind()).isEqualTo(ApiPath.Kind.UNKNOWN);
    }

    @Test
    void decodesPercentEncodedSegments() {
        assertThat(ApiPath.parse("/api/v1/namespaces/default/configmaps/a%2Eb").name()).isEqualTo("a.b");
    }
}
