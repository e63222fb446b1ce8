package io.pod4j.apiserver.openapi;

import java.util.Set;

/**
 * The names Kubernetes gives its schema definitions ({@code io.k8s.api.core.v1.Pod},
 * {@code io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta}), from fabric8's model classes, which
 * keep core/v1 and meta/v1 in one package and drop the version of some groups.
 */
final class DefinitionNames {

    private static final String CORE_PACKAGE = "io.fabric8.kubernetes.api.model";

    /** The meta/v1 types fabric8 keeps beside core/v1's. */
    private static final Set<String> META_V1 = Set.of("ObjectMeta", "ListMeta", "OwnerReference",
            "ManagedFieldsEntry", "FieldsV1", "LabelSelector", "LabelSelectorRequirement", "Status", "StatusDetails",
            "StatusCause", "DeleteOptions", "Preconditions", "Condition", "APIResource", "APIResourceList", "APIGroup",
            "APIGroupList", "APIVersions", "GroupVersionForDiscovery", "ServerAddressByClientCIDR", "WatchEvent",
            "MicroTime", "Time", "Duration", "ListOptions", "GetOptions", "CreateOptions", "UpdateOptions",
            "PatchOptions", "Patch", "RootPaths", "PartialObjectMetadata", "PartialObjectMetadataList", "Table",
            "TableColumnDefinition", "TableRow", "TableRowCondition", "TypeMeta");

    private DefinitionNames() {
    }

    /**
     * @param type a fabric8 model class
     * @return its definition's name in Kubernetes' OpenAPI documents
     */
    static String of(Class<?> type) {
        String simple = type.getSimpleName();
        String pkg = type.getPackageName();
        switch (simple) {
            case "Quantity" -> {
                return "io.k8s.apimachinery.pkg.api.resource.Quantity";
            }
            case "IntOrString" -> {
                return "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
            }
            case "RawExtension" -> {
                return "io.k8s.apimachinery.pkg.runtime.RawExtension";
            }
            default -> {
            }
        }
        if (pkg.equals(CORE_PACKAGE)) {
            return (META_V1.contains(simple) ? "io.k8s.apimachinery.pkg.apis.meta.v1." : "io.k8s.api.core.v1.") + simple;
        }
        if (pkg.startsWith(CORE_PACKAGE + ".")) {
            String rest = pkg.substring(CORE_PACKAGE.length() + 1);
            String last = rest.substring(rest.lastIndexOf('.') + 1);
            boolean versioned = last.matches("v\\d+((alpha|beta)\\d+)?");
            return "io.k8s.api." + rest + (versioned ? "." : ".v1.") + simple;
        }
        return type.getName();
    }
}
