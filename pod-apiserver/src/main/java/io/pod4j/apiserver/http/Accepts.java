package io.pod4j.apiserver.http;

/** Reads an {@code Accept} header as the API server's content negotiation does, for what it serves: JSON, or a Table. Pure. */
final class Accepts {

    private Accepts() {
    }

    /**
     * @param accept the header, e.g. {@code application/json;as=Table;v=v1;g=meta.k8s.io,application/json}
     * @return whether the client's first choice this server can make is a {@code meta.k8s.io} Table (v1 or v1beta1)
     */
    static boolean table(String accept) {
        if (accept == null) {
            return false;
        }
        for (String choice : accept.split(",")) {
            String[] parts = choice.split(";");
            String media = parts[0].trim();
            if (!media.equals("application/json") && !media.equals("*/*") && !media.equals("application/*")) {
                continue; // protobuf, yaml...: not made here, the next choice decides
            }
            String as = null;
            String group = null;
            String version = null;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].trim().split("=", 2);
                if (kv.length == 2) {
                    switch (kv[0].trim()) {
                        case "as" -> as = kv[1].trim();
                        case "g" -> group = kv[1].trim();
                        case "v" -> version = kv[1].trim();
                        default -> { }
                    }
                }
            }
            if (as == null) {
                return false;
            }
            if (as.equals("Table") && "meta.k8s.io".equals(group) && ("v1".equals(version) || "v1beta1".equals(version))) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param accept the header, or null
     * @return whether it asks for the OpenAPI v2 document as protobuf (either of the media types the
     *     API server answers it in)
     */
    static boolean openApiV2Protobuf(String accept) {
        if (accept == null) {
            return false;
        }
        for (String choice : accept.split(",")) {
            String media = choice.split(";")[0].trim();
            if (media.equals("application/com.github.proto-openapi.spec.v2@v1.0+protobuf")
                    || media.equals("application/com.github.proto-openapi.spec.v2.v1.0+protobuf")) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param accept the header, or null
     * @return whether a JSON answer is acceptable: no header, or a choice of {@code application/json},
     *     {@code application/*} or {@code *}{@code /*} (kubectl asks {@code /openapi/v2} for protobuf only)
     */
    static boolean json(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String choice : accept.split(",")) {
            String media = choice.split(";")[0].trim();
            if (media.equals("application/json") || media.equals("application/*") || media.equals("*/*")) {
                return true;
            }
        }
        return false;
    }
}
