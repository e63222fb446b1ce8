package io.pod4j.api.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.AccessPattern;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Makes Jackson build the deserializer of a fabric8 property the first time a document has that
 * property, instead of for the whole type graph when the enclosing class is first read. fabric8's
 * Pod reaches ~200 classes (every volume source, affinity, status...), and Jackson introspects them
 * all up front; a manifest uses a dozen. This halves the CPU cost of reading the first Pod in a JVM.
 * What is read, and every error, is unchanged: the deserializer used is the one Jackson would
 * have built, found through the same context with the same property. Public for the other mappers
 * that read fabric8 objects (the object store's): add it to a mapper as a module.
 */
public final class LazyDeserializers extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** The module; one per mapper. */
    public LazyDeserializers() {
        super("pod4j-lazy-deserializers");
        setDeserializerModifier(new BeanDeserializerModifier() {
            private static final long serialVersionUID = 1L;

            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                    BeanDeserializerBuilder builder) {
                List<SettableBeanProperty> deferred = new ArrayList<>();
                for (Iterator<SettableBeanProperty> it = builder.getProperties(); it.hasNext();) {
                    SettableBeanProperty p = it.next();
                    if (!p.hasValueDeserializer() && p.getValueTypeDeserializer() == null && isModel(p.getType())) {
                        Lazy lazy = new Lazy(p.getType());
                        SettableBeanProperty replaced = p.withValueDeserializer(lazy);
                        lazy.property = replaced;
                        deferred.add(replaced);
                    }
                }
                deferred.forEach(p -> builder.addOrReplaceProperty(p, true));
                return builder;
            }
        });
    }

    /** A fabric8 object, or a list or map of them: the types whose deserializers reach further types. */
    private static boolean isModel(JavaType type) {
        JavaType t = type.isContainerType() ? type.getContentType() : type;
        return t != null && t.getRawClass().getName().startsWith("io.fabric8.");
    }

    /** Stands in for a property's deserializer until the first value of that property is read. */
    private static final class Lazy extends JsonDeserializer<Object> {

        private final JavaType type;
        private SettableBeanProperty property;
        private volatile JsonDeserializer<Object> target;

        Lazy(JavaType type) {
            this.type = type;
        }

        private JsonDeserializer<Object> target(DeserializationContext ctxt) throws JsonMappingException {
            JsonDeserializer<Object> t = target;
            if (t == null) {
                t = ctxt.findContextualValueDeserializer(type, property);
                target = t;
            }
            return t;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return target(ctxt).deserialize(p, ctxt);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt, Object intoValue) throws IOException {
            return target(ctxt).deserialize(p, ctxt, intoValue);
        }

        @Override
        public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer types)
                throws IOException {
            return target(ctxt).deserializeWithType(p, ctxt, types);
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return target(ctxt).getNullValue(ctxt);
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) throws JsonMappingException {
            return target(ctxt).getAbsentValue(ctxt);
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) throws JsonMappingException {
            return target(ctxt).getEmptyValue(ctxt);
        }

        @Override
        public AccessPattern getNullAccessPattern() {
            return AccessPattern.DYNAMIC; // known only once resolved: ask getNullValue every time
        }

        @Override
        public AccessPattern getEmptyAccessPattern() {
            return AccessPattern.DYNAMIC;
        }

        @Override
        public Class<?> handledType() {
            return type.getRawClass();
        }
    }
}
