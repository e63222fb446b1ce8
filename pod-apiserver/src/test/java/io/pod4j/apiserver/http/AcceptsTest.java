package io.pod4j.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcceptsTest {

    @Test
    void kubectlGetAsksForATable() {
        assertThat(Accepts.table("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;"
                + "g=meta.k8s.io,application/json")).isTrue();
    }

    @Test
    void v1beta1TablesAreTablesToo() {
        assertThat(Accepts.table("application/json;as=Table;v=v1beta1;g=meta.k8s.io")).isTrue();
    }

    @Test
    void plainJsonAndProtobufAreNotTables() {
        assertThat(Accepts.table("application/json")).isFalse();
        assertThat(Accepts.table("application/vnd.kubernetes.protobuf,application/json")).isFalse();
        assertThat(Accepts.table(null)).isFalse();
    }

    @Test
    void aProtobufTableIsSkippedForTheJsonOneAfterIt() {
        assertThat(Accepts.table("application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,"
                + "application/json;as=Table;v=v1;g=meta.k8s.io")).isTrue();
    }

    @Test
    void aShapeThisServerDoesNotMakeFallsToTheNextChoice() {
        assertThat(Accepts.table("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,"
                + "application/json;as=Table;v=v1;g=meta.k8s.io")).isTrue();
        assertThat(Accepts.table("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,"
                + "application/json")).isFalse();
    }

    @Test
    void kubectlsOpenApiV2RequestForProtobufOnlyCannotBeAnsweredInJson() {
        assertThat(Accepts.json("application/com.github.proto-openapi.spec.v2@v1.0+protobuf")).isFalse();
    }

    @Test
    void kubectlsOpenApiV2RequestIsForTheProtobufDocument() {
        assertThat(Accepts.openApiV2Protobuf("application/com.github.proto-openapi.spec.v2@v1.0+protobuf")).isTrue();
        assertThat(Accepts.openApiV2Protobuf("application/com.github.proto-openapi.spec.v2.v1.0+protobuf;q=0.9")).isTrue();
        assertThat(Accepts.openApiV2Protobuf("application/json")).isFalse();
        assertThat(Accepts.openApiV2Protobuf(null)).isFalse();
    }

    @Test
    void noAcceptOrAnyJsonChoiceTakesJson() {
        assertThat(Accepts.json(null)).isTrue();
        assertThat(Accepts.json("application/json")).isTrue();
        assertThat(Accepts.json("application/com.github.proto-openapi.spec.v2@v1.0+protobuf, */*;q=0.1")).isTrue();
    }
}
