package io.pod4j.apiserver.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request path as the API server reads it: a discovery document, or a resource of a group and
 * version, in a namespace or not, by name or as a collection, with a subresource. Pure.
 *
 * <pre>
 * /api/v1/namespaces/default/pods/web/log  -> RESOURCE group "" version v1 namespace default resource pods name web subresource log
 * /api/v1/namespaces/default               -> RESOURCE resource namespaces name default
 * /apis/events.k8s.io/v1                   -> GROUP_VERSION
 * </pre>
 *
 * @param kind what the path names
 * @param group API group, empty for core ({@code /api})
 * @param version e.g. {@code v1}, or null
 * @param namespace the namespace the request is in, or null
 * @param resource e.g. {@code pods}, or null
 * @param name the object's name, or null for the collection
 * @param subresource e.g. {@code status}, or null
 * @param rest for {@code /openapi/...} and unknown paths: the path after the prefix
 */
public record ApiPath(Kind kind, String group, String version, String namespace, String resource, String name,
        String subresource, String rest) {

    /** What a path names. */
    public enum Kind {
        /** {@code /api}: the core group's versions. */
        CORE_VERSIONS,
        /** {@code /apis}: the named groups. */
        GROUPS,
        /** {@code /apis/GROUP}: one group. */
        GROUP,
        /** {@code /api/v1} or {@code /apis/GROUP/VERSION}: the resources of a group version. */
        GROUP_VERSION,
        /** A resource collection, object or subresource. */
        RESOURCE,
        /** {@code /version}. */
        VERSION,
        /** {@code /healthz}, {@code /livez}, {@code /readyz} (and their sub-checks). */
        HEALTH,
        /** {@code /openapi/v2}, {@code /openapi/v3...}: {@link #rest()} is {@code v2}, {@code v3/api/v1}... */
        OPENAPI,
        /** Anything else: 404. */
        UNKNOWN
    }

    /**
     * @param rawPath the request's path, without the query, percent-encoded
     * @return what it names
     */
    public static ApiPath parse(String rawPath) {
        List<String> s = segments(rawPath);
        if (s.isEmpty()) {
            return other(Kind.UNKNOWN, rawPath);
        }
        String first = s.get(0);
        switch (first) {
            case "version":
                return s.size() == 1 ? other(Kind.VERSION, "") : other(Kind.UNKNOWN, rawPath);
            case "healthz", "livez", "readyz":
                return other(Kind.HEALTH, String.join("/", s));
            case "openapi":
                return s.size() >= 2 ? other(Kind.OPENAPI, String.join("/", s.subList(1, s.size())))
                        : other(Kind.UNKNOWN, rawPath);
            case "api":
                if (s.size() == 1) {
                    return other(Kind.CORE_VERSIONS, "");
                }
                return resourcePath("", s.get(1), s.subList(2, s.size()), rawPath);
            case "apis":
                if (s.size() == 1) {
                    return other(Kind.GROUPS, "");
                }
                if (s.size() == 2) {
                    return new ApiPath(Kind.GROUP, s.get(1), null, null, null, null, null, null);
                }
                return resourcePath(s.get(1), s.get(2), s.subList(3, s.size()), rawPath);
            default:
                return other(Kind.UNKNOWN, rawPath);
        }
    }

    /** @return whether the path names one object (or its subresource), not a collection */
    public boolean named() {
        return name != null;
    }

    private static ApiPath resourcePath(String group, String version, List<String> s, String raw) {
        if (s.isEmpty()) {
            return new ApiPath(Kind.GROUP_VERSION, group, version, null, null, null, null, null);
        }
        // namespaces/NS/RESOURCE[/NAME[/SUB]] is a namespaced resource; namespaces[/NAME[/SUB]] the
        // namespaces themselves (as the API server tells them apart: by the segment count and the
        // namespace's own subresources).
        if (s.get(0).equals("namespaces") && s.size() >= 3 && !isNamespaceSubresource(s.get(2), s.size())) {
            String ns = s.get(1);
            return switch (s.size()) {
                case 3 -> new ApiPath(Kind.RESOURCE, group, version, ns, s.get(2), null, null, null);
                case 4 -> new ApiPath(Kind.RESOURCE, group, version, ns, s.get(2), s.get(3), null, null);
                case 5 -> new ApiPath(Kind.RESOURCE, group, version, ns, s.get(2), s.get(3), s.get(4), null);
                default -> other(Kind.UNKNOWN, raw);
            };
        }
        return switch (s.size()) {
            case 1 -> new ApiPath(Kind.RESOURCE, group, version, null, s.get(0), null, null, null);
            case 2 -> new ApiPath(Kind.RESOURCE, group, version, null, s.get(0), s.get(1), null, null);
            case 3 -> new ApiPath(Kind.RESOURCE, group, version, null, s.get(0), s.get(1), s.get(2), null);
            default -> other(Kind.UNKNOWN, raw);
        };
    }

    private static boolean isNamespaceSubresource(String segment, int size) {
        return size == 3 && (segment.equals("status") || segment.equals("finalize"));
    }

    private static ApiPath other(Kind kind, String rest) {
        return new ApiPath(kind, "", null, null, null, null, null, rest);
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                out.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
