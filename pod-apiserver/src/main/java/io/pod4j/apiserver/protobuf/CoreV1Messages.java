package io.pod4j.apiserver.protobuf;

import static io.pod4j.apiserver.protobuf.Field.Type.BOOL;
import static io.pod4j.apiserver.protobuf.Field.Type.BYTES;
import static io.pod4j.apiserver.protobuf.Field.Type.INT;
import static io.pod4j.apiserver.protobuf.Field.Type.MAP_BYTES;
import static io.pod4j.apiserver.protobuf.Field.Type.MAP_QUANTITY;
import static io.pod4j.apiserver.protobuf.Field.Type.MAP_STRING;
import static io.pod4j.apiserver.protobuf.Field.Type.STRING;
import static io.pod4j.apiserver.protobuf.Field.Type.TIME;

import java.util.List;
import java.util.Map;

/**
 * The field numbers of the core/v1 and meta/v1 messages kubectl's typed clients send as protobuf
 * ({@code kubectl create namespace|configmap|secret}, {@code kubectl run}), from the
 * protobuf wire format of {@code k8s.io/api/core/v1} and {@code k8s.io/apimachinery}'s
 * {@code meta/v1}. A message or field not described here is refused by {@link ProtobufDecoder}
 * rather than dropped.
 */
final class CoreV1Messages {

    /** The top-level kinds, by kind. */
    static final Map<String, String> KINDS = Map.of("Namespace", "Namespace", "ConfigMap", "ConfigMap",
            "Secret", "Secret", "Pod", "Pod");

    static final Map<String, List<Field>> MESSAGES = Map.ofEntries(
            Map.entry("ObjectMeta", List.of(
                    Field.of(1, "name", STRING), Field.of(2, "generateName", STRING), Field.of(3, "namespace", STRING),
                    Field.of(4, "selfLink", STRING), Field.of(5, "uid", STRING), Field.of(6, "resourceVersion", STRING),
                    Field.of(7, "generation", INT), Field.of(8, "creationTimestamp", TIME),
                    Field.of(9, "deletionTimestamp", TIME), Field.of(10, "deletionGracePeriodSeconds", INT),
                    Field.of(11, "labels", MAP_STRING), Field.of(12, "annotations", MAP_STRING),
                    Field.messages(13, "ownerReferences", "OwnerReference"), Field.list(14, "finalizers", STRING))),
            Map.entry("OwnerReference", List.of(
                    Field.of(5, "apiVersion", STRING), Field.of(1, "kind", STRING), Field.of(3, "name", STRING),
                    Field.of(4, "uid", STRING), Field.of(6, "controller", BOOL),
                    Field.of(7, "blockOwnerDeletion", BOOL))),
            Map.entry("Namespace", List.of(Field.message(1, "metadata", "ObjectMeta"),
                    Field.message(2, "spec", "NamespaceSpec"), Field.message(3, "status", "NamespaceStatus"))),
            Map.entry("NamespaceSpec", List.of(Field.list(1, "finalizers", STRING))),
            Map.entry("NamespaceStatus", List.of(Field.of(1, "phase", STRING))),
            Map.entry("ConfigMap", List.of(Field.message(1, "metadata", "ObjectMeta"), Field.of(2, "data", MAP_STRING),
                    Field.of(3, "binaryData", MAP_BYTES), Field.of(4, "immutable", BOOL))),
            Map.entry("Secret", List.of(Field.message(1, "metadata", "ObjectMeta"), Field.of(2, "data", MAP_BYTES),
                    Field.of(3, "type", STRING), Field.of(4, "stringData", MAP_STRING), Field.of(5, "immutable", BOOL))),
            Map.entry("Pod", List.of(Field.message(1, "metadata", "ObjectMeta"), Field.message(2, "spec", "PodSpec"),
                    Field.message(3, "status", "PodStatus"))),
            Map.entry("PodStatus", List.of()),
            Map.entry("PodSpec", List.of(
                    Field.messages(2, "containers", "Container"), Field.of(3, "restartPolicy", STRING),
                    Field.of(4, "terminationGracePeriodSeconds", INT), Field.of(5, "activeDeadlineSeconds", INT),
                    Field.of(6, "dnsPolicy", STRING), Field.of(7, "nodeSelector", MAP_STRING),
                    Field.of(8, "serviceAccountName", STRING), Field.of(9, "serviceAccount", STRING),
                    Field.of(10, "nodeName", STRING), Field.of(11, "hostNetwork", BOOL), Field.of(12, "hostPID", BOOL),
                    Field.of(13, "hostIPC", BOOL), Field.messages(15, "imagePullSecrets", "LocalObjectReference"),
                    Field.of(16, "hostname", STRING), Field.of(17, "subdomain", STRING),
                    Field.of(19, "schedulerName", STRING), Field.messages(20, "initContainers", "Container"),
                    Field.of(21, "automountServiceAccountToken", BOOL), Field.of(24, "priorityClassName", STRING),
                    Field.of(30, "enableServiceLinks", BOOL))),
            Map.entry("LocalObjectReference", List.of(Field.of(1, "name", STRING))),
            Map.entry("Container", List.of(
                    Field.of(1, "name", STRING), Field.of(2, "image", STRING), Field.list(3, "command", STRING),
                    Field.list(4, "args", STRING), Field.of(5, "workingDir", STRING),
                    Field.messages(6, "ports", "ContainerPort"), Field.messages(7, "env", "EnvVar"),
                    Field.message(8, "resources", "ResourceRequirements"),
                    Field.of(13, "terminationMessagePath", STRING), Field.of(14, "imagePullPolicy", STRING),
                    Field.of(16, "stdin", BOOL), Field.of(17, "stdinOnce", BOOL), Field.of(18, "tty", BOOL),
                    Field.of(20, "terminationMessagePolicy", STRING), Field.of(24, "restartPolicy", STRING))),
            Map.entry("ContainerPort", List.of(Field.of(1, "name", STRING), Field.of(2, "hostPort", INT),
                    Field.of(3, "containerPort", INT), Field.of(4, "protocol", STRING), Field.of(5, "hostIP", STRING))),
            Map.entry("EnvVar", List.of(Field.of(1, "name", STRING), Field.of(2, "value", STRING))),
            Map.entry("ResourceRequirements", List.of(Field.of(1, "limits", MAP_QUANTITY),
                    Field.of(2, "requests", MAP_QUANTITY))));


    private CoreV1Messages() {
    }
}
