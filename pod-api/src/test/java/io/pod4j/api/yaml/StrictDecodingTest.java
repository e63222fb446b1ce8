package io.pod4j.api.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.error.ManifestProblem;
import io.pod4j.api.error.ManifestSyntaxException;
import io.pod4j.api.error.StrictDecodingException;
import io.pod4j.api.error.StrictDecodingException.Rejected;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A field Kubernetes does not have is refused as the API server's strict decoding refuses it, with
 * the exact path (also inside lists) and the line and column where it was written, whatever the
 * style of the YAML.
 */
class StrictDecodingTest {

    private static StrictDecodingException refused(String source, String text) {
        return catchThrowableOfType(() -> Manifests.strict().read(source, text), StrictDecodingException.class);
    }

    private static String at(ManifestProblem p) {
        return p.source() + ":" + p.line() + ":" + p.column() + " " + p.path();
    }

    @Test
    void namesAFieldInsideAListOfContainersInBlockYaml() {
        StrictDecodingException e = refused("pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - name: sidecar
                    image: busybox:1
                  - name: web
                    image: nginx:1.27
                    resizePolicyx:
                    - resourceName: cpu
                      restartPolicy: NotRequired
                """);

        assertThat(e.problems()).extracting(StrictDecodingTest::at).containsExactly("pod.yaml:11:5 spec.containers[1].resizePolicyx");
        assertThat(e.problems().get(0).message()).isEqualTo("unknown field \"spec.containers[1].resizePolicyx\"");
        assertThat(e.problems().get(0).hint()).isEqualTo("did you mean \"resizePolicy\"?");
        assertThat(e.rejected()).singleElement().extracting(Rejected::apiServerMessage).isEqualTo("Pod in version \"v1\""
                + " cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[1].resizePolicyx\"");
    }

    @Test
    void namesAFieldInsideAListInFlowYaml() {
        StrictDecodingException e = refused("gated.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: gated}
                spec:
                  schedulingGates: [{name: example.com/a}, {name: example.com/b, foo: bar}]
                  containers: [{name: c, image: busybox:1, ports: [{containerPort: 80, protocl: TCP}]}]
                """);

        assertThat(e.problems()).extracting(StrictDecodingTest::at).containsExactly(
                "gated.yaml:5:66 spec.schedulingGates[1].foo",
                "gated.yaml:6:72 spec.containers[0].ports[0].protocl");
        assertThat(e.problems().get(1).hint()).isEqualTo("did you mean \"protocol\"?");
        assertThat(e.rejected().get(0).fields()).containsExactly("spec.schedulingGates[1].foo",
                "spec.containers[0].ports[0].protocl");
    }

    @Test
    void namesAFieldOfAWholeDocumentWrittenInFlowStyle() {
        StrictDecodingException e = refused("flow.yaml",
                "{apiVersion: v1, kind: Pod, metadata: {name: f, labelz: {a: b}},\n"
                + " spec: {containers: [{name: c, image: x, volumeMounts: [{name: v, mountPath: /v, readonlyy: true}]}]}}\n");

        assertThat(e.problems()).extracting(StrictDecodingTest::at).containsExactly(
                "flow.yaml:1:49 metadata.labelz", "flow.yaml:2:82 spec.containers[0].volumeMounts[0].readonlyy");
    }

    @Test
    void refusesEachObjectOfAMultiDocumentFileInItsOwnKindsWords() {
        StrictDecodingException e = refused("app.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  namespace: shop
                data:
                  a: b
                datta:
                  c: d
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: fine}
                stringData: {token: x}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  initContainers:
                  - name: init
                    image: busybox:1
                    securityContext:
                      seccompProfile: {type: RuntimeDefault, localhostProfil: x}
                  containers:
                  - name: web
                    image: nginx:1.27
                """);

        assertThat(e.rejected()).extracting(Rejected::kind, Rejected::namespace, Rejected::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ConfigMap", "shop", "settings"),
                org.assertj.core.groups.Tuple.tuple("Pod", "", "web"));
        assertThat(e.rejected()).extracting(Rejected::apiServerMessage).containsExactly(
                "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"datta\"",
                "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field"
                        + " \"spec.initContainers[0].securityContext.seccompProfile.localhostProfil\"");
        assertThat(e.problems()).extracting(StrictDecodingTest::at).containsExactly("app.yaml:8:1 datta",
                "app.yaml:25:46 spec.initContainers[0].securityContext.seccompProfile.localhostProfil");
    }

    @Test
    void namesTheFieldInsideAListKindRelativeToItsItem() {
        StrictDecodingException e = refused("list.yaml", """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Pod
                  metadata: {name: one}
                  spec: {containers: [{name: c, image: x}]}
                - apiVersion: v1
                  kind: Pod
                  metadata: {name: two}
                  spec:
                    containers: [{name: c, image: x}]
                    tolerations: [{key: k, operator: Exists, effects: NoSchedule}]
                """);

        assertThat(e.problems()).extracting(StrictDecodingTest::at)
                .containsExactly("list.yaml:13:46 items[1].spec.tolerations[0].effects");
        assertThat(e.rejected().get(0).fields()).containsExactly("spec.tolerations[0].effects");
        assertThat(e.rejected().get(0).name()).isEqualTo("two");
    }

    @Test
    void namesAFieldInJsonWithItsLine() {
        StrictDecodingException e = refused("pod.json", """
                {
                  "apiVersion": "v1",
                  "kind": "Pod",
                  "metadata": {"name": "j"},
                  "spec": {
                    "containers": [
                      {"name": "c", "image": "x", "env": [{"name": "A", "valu": "1"}]}
                    ]
                  }
                }
                """);

        assertThat(e.problems()).extracting(StrictDecodingTest::at).containsExactly("pod.json:7:57 spec.containers[0].env[0].valu");
        assertThat(e.problems().get(0).hint()).isEqualTo("did you mean \"value\"?");
    }

    @Test
    void refusesUnknownFieldsOfEventsAndNodesToo() {
        StrictDecodingException e = refused("objects.yaml", """
                apiVersion: v1
                kind: Event
                metadata: {name: e, namespace: shop}
                involvedObject: {kind: Pod, name: web, nam: x}
                ---
                apiVersion: v1
                kind: Node
                metadata: {name: n}
                status:
                  addresses: [{type: InternalIP, adress: 10.0.0.1}]
                """);

        assertThat(e.problems()).extracting(StrictDecodingTest::at).containsExactly(
                "objects.yaml:4:40 involvedObject.nam", "objects.yaml:10:34 status.addresses[0].adress");
    }

    @Test
    void acceptsAnyKeyWhereKubernetesHasAMapOrFreeFormData() {
        List<HasMetadata> objects = Manifests.load("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: free
                  labels: {anything.example.com/goes: "yes"}
                  annotations: {note: x}
                  managedFields:
                  - manager: kubectl
                    fieldsType: FieldsV1
                    fieldsV1: {"f:spec": {"f:containers": {}}}
                spec:
                  nodeSelector: {disktype: ssd}
                  containers:
                  - name: c
                    image: x
                    resources: {limits: {example.com/gpu: "1"}}
                """);

        assertThat(objects).hasSize(1);
    }

    @Test
    void leniencyDropsTheFieldsInsideListsWithAWarning() {
        Pod pod = (Pod) Manifests.lenient().read("pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                  - {name: c, image: x, imagePullPolicyy: Always}
                """).get(0);

        assertThat(pod.getSpec().getContainers().get(0).getAdditionalProperties()).isEmpty();
        assertThat(Manifests.toYaml(pod)).doesNotContain("imagePullPolicyy");
    }

    @Test
    void reportsUnknownFieldsBesideOtherErrorsAsOneSyntaxError() {
        ManifestSyntaxException e = catchThrowableOfType(() -> Manifests.load("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, labels: {version: 2}}
                spec:
                  containers: [{name: c, image: x, colour: red}]
                """), ManifestSyntaxException.class);

        assertThat(e).isNotInstanceOf(StrictDecodingException.class);
        assertThat(e.problems()).extracting(ManifestProblem::path)
                .containsExactlyInAnyOrder("metadata.labels.version", "spec.containers[0].colour");
    }
}
