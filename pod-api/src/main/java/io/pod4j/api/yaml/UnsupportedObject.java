package io.pod4j.api.yaml;

/**
 * A document of a manifest whose kind pod4j does not run (a Service, a Deployment, a custom
 * resource...), left out by a loader made with {@link Manifests#leavingOut} so
 * that the Pods, ConfigMaps and Secrets beside it can still be used, as {@code kubectl apply}
 * applies what its server knows and names the rest.
 *
 * @param source where the document came from, such as a file name
 * @param line the line its {@code kind} is on, 1-based
 * @param apiVersion its {@code apiVersion}, or "" when not set
 * @param kind its {@code kind}
 * @param namespace its {@code metadata.namespace}, or "" when not set
 * @param name its {@code metadata.name}, or "" when not set
 */
public record UnsupportedObject(String source, int line, String apiVersion, String kind, String namespace, String name) {

    /**
     * @return what kubectl says of an object whose kind its server does not know, naming it and its source
     */
    public String kubectlMessage() {
        return "resource mapping not found for name: \"" + name + "\" namespace: \"" + namespace + "\" from \"" + source
                + "\": no matches for kind \"" + kind + "\" in version \"" + apiVersion + "\"";
    }
}
