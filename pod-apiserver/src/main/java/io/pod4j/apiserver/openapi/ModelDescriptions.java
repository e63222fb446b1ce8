package io.pod4j.apiserver.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The descriptions {@code kubectl explain} prints, read from fabric8's model sources: fabric8
 * generates its model from Kubernetes' OpenAPI document and keeps each schema description as the
 * Javadoc of the class and of its properties' accessors. The compiled classes carry none, so the
 * sources jar ({@code kubernetes-model-core:sources}) is on the API server's runtime classpath and
 * a class's {@code .java} file is read the first time its definition is made. Without the sources,
 * the definitions have no descriptions, as before.
 */
final class ModelDescriptions {

    /** A class's description and its JSON properties' descriptions. */
    record Described(String type, Map<String, String> properties) {

        static final Described NONE = new Described(null, Map.of());
    }

    private static final Map<Class<?>, Described> CACHE = new ConcurrentHashMap<>();
    private static final Pattern PROPERTY = Pattern.compile("/\\*\\*((?:(?!\\*/).)*?)\\*/\\s*@JsonProperty\\(\"([^\"]+)\"\\)",
            Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile(
            "/\\*\\*((?:(?!\\*/).)*?)\\*/(?:(?!/\\*\\*).)*?\\n(?:public )?(?:abstract )?class ", Pattern.DOTALL);

    private ModelDescriptions() {
    }

    /** @return the descriptions of a model class, {@link Described#NONE} when its source is not on the classpath */
    static Described of(Class<?> type) {
        return CACHE.computeIfAbsent(type, ModelDescriptions::read);
    }

    private static Described read(Class<?> type) {
        if (type.getEnclosingClass() != null) {
            return Described.NONE;
        }
        String resource = type.getName().replace('.', '/') + ".java";
        ClassLoader loader = type.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : type.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Described.NONE : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from fabric8's model sources", e);
        }
    }

    /** @return the descriptions in a fabric8 model source: the class's Javadoc and the first on each property */
    static Described parse(String source) {
        Matcher t = TYPE.matcher(source);
        String type = t.find() ? text(t.group(1)) : null;
        Map<String, String> properties = new HashMap<>();
        Matcher p = PROPERTY.matcher(source);
        while (p.find()) {
            String text = text(p.group(1));
            if (!text.isEmpty()) {
                properties.putIfAbsent(p.group(2), text);
            }
        }
        return new Described(type == null || type.isEmpty() ? null : type, Map.copyOf(properties));
    }

    /** @return a Javadoc comment's text as Kubernetes wrote it: the comment's stars, HTML breaks and entities undone */
    static String text(String javadoc) {
        StringBuilder b = new StringBuilder();
        for (String line : javadoc.split("\n")) {
            String l = line.strip();
            if (l.startsWith("*")) {
                l = l.substring(1).strip();
            }
            if (!l.isEmpty()) {
                b.append(b.isEmpty() ? "" : " ").append(l);
            }
        }
        return b.toString().replace("<br><p> ", "\n").replace("<br><p>", "\n").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#42;", "*").replace("&amp;", "&").strip();
    }
}
