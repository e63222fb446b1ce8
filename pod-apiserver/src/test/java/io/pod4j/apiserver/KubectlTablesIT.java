package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The installed kubectl's {@code get} prints the server's Tables: the columns a cluster prints for
 * each kind, the wide ones with {@code -o wide}.
 */
class KubectlTablesIT {

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension();

    private static final String OBJECTS = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              labels:
                app: web
            spec:
              terminationGracePeriodSeconds: 0
              containers:
              - name: app
                image: pod4j-test/busybox:1
                command: ["sleep", "3600"]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              a: "1"
              b: "2"
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: token
            type: Opaque
            stringData:
              key: value
            """;

    @BeforeAll
    static void createObjects() {
        API.kubectlWithInput(OBJECTS, "apply", "-f", "-").ok();
        API.kubectl("wait", "--for=condition=Ready", "pod/web", "--timeout=90s").ok();
    }

    private static List<String> lines(String out) {
        return out.lines().toList();
    }

    @Test
    void getPodsPrintsReadyStatusRestartsAge() {
        List<String> lines = lines(API.kubectl("get", "pods").ok().out());
        // as kubectl prints a cluster's Table: each column as wide as its widest cell, plus three spaces
        assertThat(lines.get(0)).isEqualTo("NAME   READY   STATUS    RESTARTS   AGE");
        assertThat(lines.get(1)).matches("web    1/1     Running   0          \\d+[sm]\\S*");
    }

    @Test
    void customColumnsPrintTheChosenFieldsInAClustersLayout() {
        String out = API.kubectl("get", "pods", "-o",
                "custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image,PORTS:.spec.containers[0].ports").ok().out();
        // kubectl's custom-columns printer, as against a cluster: <none> for a missing value
        assertThat(out).isEqualTo("NAME   IMAGE                  PORTS\n"
                + "web    pod4j-test/busybox:1   <none>\n");
    }

    @Test
    void getPodsWidePrintsIpNodeNominatedNodeAndReadinessGates() {
        List<String> lines = lines(API.kubectl("get", "pods", "-o", "wide").ok().out());
        assertThat(lines.get(0)).matches(
                "NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+IP\\s+NODE\\s+NOMINATED NODE\\s+READINESS GATES");
        assertThat(lines.get(1)).matches("web\\s+1/1\\s+Running\\s+0\\s+\\d+s\\s+\\d+\\.\\d+\\.\\d+\\.\\d+\\s+\\S+\\s+<none>\\s+<none>");
    }

    @Test
    void getPodsWithLabelsAndAllNamespacesUsesEachRowsMetadata() {
        List<String> lines = lines(API.kubectl("get", "pods", "-A", "--show-labels").ok().out());
        assertThat(lines.get(0)).matches("NAMESPACE\\s+NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+LABELS");
        assertThat(lines.get(1)).matches("default\\s+web\\s+1/1\\s+Running\\s+0\\s+\\d+s\\s+app=web");
    }

    @Test
    void getSeveralKindsPrintsEachKindsColumns() {
        String out = API.kubectl("get", "cm,secrets,ns,nodes,events").ok().out();
        assertThat(out).containsPattern("NAME\\s+DATA\\s+AGE\\n(.*\\n)*configmap/settings\\s+2\\s+\\d+s");
        assertThat(out).containsPattern("NAME\\s+TYPE\\s+DATA\\s+AGE\\n(.*\\n)*secret/token\\s+Opaque\\s+1\\s+\\d+s");
        assertThat(out).containsPattern("NAME\\s+STATUS\\s+AGE\\n(.*\\n)*namespace/default\\s+Active\\s+\\d+s");
        assertThat(out).containsPattern("NAME\\s+STATUS\\s+ROLES\\s+AGE\\s+VERSION\\nnode/\\S+\\s+Ready\\s+<none>\\s+\\d+s");
        assertThat(out).containsPattern("LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE\\n(.*\\n)*"
                + "\\d+s\\s+Normal\\s+Started\\s+pod/web\\s+Started container app");
    }

    @Test
    void getNodesWidePrintsAddressesOsKernelAndRuntime() {
        List<String> lines = lines(API.kubectl("get", "nodes", "-o", "wide").ok().out());
        assertThat(lines.get(0)).matches("NAME\\s+STATUS\\s+ROLES\\s+AGE\\s+VERSION\\s+INTERNAL-IP\\s+EXTERNAL-IP\\s+"
                + "OS-IMAGE\\s+KERNEL-VERSION\\s+CONTAINER-RUNTIME");
        assertThat(lines.get(1)).contains("docker://");
    }

    @Test
    void getEventsWidePrintsSourceFirstSeenCountAndName() {
        String header = lines(API.kubectl("get", "events", "-o", "wide").ok().out()).get(0);
        assertThat(header).matches("LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+SUBOBJECT\\s+SOURCE\\s+MESSAGE\\s+"
                + "FIRST SEEN\\s+COUNT\\s+NAME");
    }

    @Test
    void getOneObjectPrintsItsRow() {
        List<String> lines = lines(API.kubectl("get", "secret", "token").ok().out());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).matches("token\\s+Opaque\\s+1\\s+\\d+s");
    }

    @Test
    void sortByAsksForWholeObjectsInTheRows() {
        List<String> lines = lines(API.kubectl("get", "cm", "--sort-by=.metadata.name").ok().out());
        assertThat(lines.get(0)).matches("NAME\\s+DATA\\s+AGE");
        assertThat(lines).anyMatch(l -> l.matches("settings\\s+2\\s+\\d+s"));
    }
}
