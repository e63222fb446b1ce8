package io.pod4j.apiserver.protobuf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The messages {@link ProtobufDecoder} reads, by name, each field by its number: read once from
 * {@code messages.txt} beside this class, the field numbers of k8s.io/api's {@code generated.proto}
 * (core/v1, apps/v1, batch/v1) and meta/v1's, for the kinds kubectl's typed clients create
 * ({@code kubectl create namespace|configmap|secret|service|deployment|job|cronjob}, {@code run},
 * {@code create job --from=cronjob/NAME}) and every message their specs hold.
 */
final class Messages {

    /** The top-level kinds: {@code apiVersion kind} → message. */
    static final Map<String, String> KINDS = Map.of("v1 Namespace", "Namespace", "v1 ConfigMap", "ConfigMap",
            "v1 Secret", "Secret", "v1 Pod", "Pod", "v1 Service", "Service", "apps/v1 Deployment", "Deployment",
            "batch/v1 Job", "Job", "batch/v1 CronJob", "CronJob");

    private static final Map<String, Map<Integer, Field>> MESSAGES = load();

    private Messages() {
    }

    /** @return the message's fields by number, or null when pod4j does not read it */
    static Map<Integer, Field> fields(String message) {
        return MESSAGES.get(message);
    }

    private static Map<String, Map<Integer, Field>> load() {
        Map<String, Map<Integer, Field>> all = new HashMap<>();
        all.put("", Map.of());
        try (InputStream in = Messages.class.getResourceAsStream("messages.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                Map<Integer, Field> fields = new HashMap<>();
                for (int i = 1; i < parts.length; i++) {
                    Field f = field(parts[i]);
                    fields.put(f.number(), f);
                }
                all.put(parts[0], Map.copyOf(fields));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pod4j's protobuf messages", e);
        }
        return Map.copyOf(all);
    }

    /**
     * @param spec {@code NUMBER:NAME:TYPE}, TYPE followed by {@code *} when repeated, {@code ^} when
     *     embedded and {@code ?} when a pointer
     */
    private static Field field(String spec) {
        String[] p = spec.split(":");
        String type = p[2].replaceAll("[*^?]+$", "");
        String marks = p[2].substring(type.length());
        boolean repeated = marks.contains("*");
        boolean inline = marks.contains("^");
        boolean pointer = marks.contains("?");
        Field.Type t = switch (type) {
            case "string" -> Field.Type.STRING;
            case "int" -> Field.Type.INT;
            case "bool" -> Field.Type.BOOL;
            case "bytes" -> Field.Type.BYTES;
            case "map" -> Field.Type.MAP_STRING;
            case "mapbytes" -> Field.Type.MAP_BYTES;
            case "mapquantity" -> Field.Type.MAP_QUANTITY;
            case "time" -> Field.Type.TIME;
            case "quantity" -> Field.Type.QUANTITY;
            case "intorstring" -> Field.Type.INT_OR_STRING;
            default -> Field.Type.MESSAGE;
        };
        String message = t != Field.Type.MESSAGE ? null : type.equals("-") ? "" : type;
        return new Field(Integer.parseInt(p[0]), p[1], t, message, repeated, inline, pointer);
    }
}
