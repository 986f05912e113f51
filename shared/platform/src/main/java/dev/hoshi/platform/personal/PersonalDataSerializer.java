package dev.hoshi.platform.personal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.Personal;
import dev.hoshi.platform.axon.MessageContext;
import dev.hoshi.platform.personal.PersonalDataVault.Owner;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The serializer of events and snapshots with personal data sealed by the {@link PersonalDataVault}: every value
 * marked {@link Personal} (in events, in the event records an aggregate keeps, in aggregate state) is written as
 * {@code pd2:…} under its owner's key and read back in clear, or as erased once that key is gone; and who acted
 * ({@code actor} of the metadata, when a person) is sealed with that person's key, reading back as {@code
 * USER:erased-<key ref>} after their erasure, so every event still says that a (now anonymous) person acted and
 * events of one person still group together. Values written in clear before (older events) read as they are.
 */
public final class PersonalDataSerializer implements Serializer {

    private final Serializer delegate;
    private final PersonalDataVault vault;

    private PersonalDataSerializer(Serializer delegate, PersonalDataVault vault) {
        this.delegate = delegate;
        this.vault = vault;
    }

    /**
     * {@code base} sealing personal data through {@code vault}: a Jackson serializer gets a copy of its object mapper
     * that seals {@link Personal} values (its own mapper, shared with the web layer, is left alone); the metadata is
     * sealed whatever the serializer.
     */
    public static Serializer wrap(Serializer base, PersonalDataVault vault) {
        if (base instanceof PersonalDataSerializer) {
            return base;
        }
        Serializer inner = base;
        if (base instanceof JacksonSerializer jackson) {
            ObjectMapper mapper = jackson.getObjectMapper().copy();
            mapper.setAnnotationIntrospector(AnnotationIntrospector.pair(
                    new Sealing(vault), mapper.getSerializationConfig().getAnnotationIntrospector()));
            inner = JacksonSerializer.builder()
                    .objectMapper(mapper)
                    .converter(new ChainingConverter())
                    .revisionResolver(new AnnotationRevisionResolver())
                    .build();
        }
        return new PersonalDataSerializer(inner, vault);
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object instanceof MetaData meta && meta.get(MessageContext.ACTOR) instanceof String actor) {
            return delegate.serialize(meta.and(MessageContext.ACTOR, vault.sealActor(actor)), expectedRepresentation);
        }
        return delegate.serialize(object, expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        T result = delegate.deserialize(serializedObject);
        if (result instanceof MetaData meta && meta.get(MessageContext.ACTOR) instanceof String actor) {
            @SuppressWarnings("unchecked")
            T opened = (T) meta.and(MessageContext.ACTOR, vault.openActor(actor));
            return opened;
        }
        return result;
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }

    /** Seals on write and opens on read whatever is marked {@link Personal}. */
    private static final class Sealing extends NopAnnotationIntrospector {

        private final transient PersonalDataVault vault;

        Sealing(PersonalDataVault vault) {
            this.vault = vault;
        }

        @Override
        public Version version() {
            return Version.unknownVersion();
        }

        @Override
        public Object findSerializer(Annotated a) {
            Personal personal = a.getAnnotation(Personal.class);
            return personal == null || container(a) ? null : new SealingSerializer(vault, personal, a.getName(), false);
        }

        /** The elements of a marked collection (a set of user ids an aggregate keeps). */
        @Override
        public Object findContentSerializer(Annotated a) {
            Personal personal = a.getAnnotation(Personal.class);
            return personal == null || !Collection.class.isAssignableFrom(a.getRawType())
                    ? null
                    : new SealingSerializer(vault, personal, a.getName(), false);
        }

        /** The keys of a marked map (an aggregate's people by user id). */
        @Override
        public Object findKeySerializer(Annotated a) {
            Personal personal = a.getAnnotation(Personal.class);
            return personal == null || !Map.class.isAssignableFrom(a.getRawType())
                    ? null
                    : new SealingSerializer(vault, personal, a.getName(), true);
        }

        @Override
        public Object findDeserializer(Annotated a) {
            Personal personal = a.getAnnotation(Personal.class);
            return personal == null || container(a) ? null : new OpeningDeserializer(vault, personal.value(), null);
        }

        @Override
        public Object findContentDeserializer(Annotated a) {
            Personal personal = a.getAnnotation(Personal.class);
            return personal == null || !Collection.class.isAssignableFrom(a.getRawType())
                    ? null
                    : new OpeningDeserializer(
                            vault, personal.value(), a.getType().getContentType());
        }

        @Override
        public Object findKeyDeserializer(Annotated a) {
            Personal personal = a.getAnnotation(Personal.class);
            return personal == null || !Map.class.isAssignableFrom(a.getRawType())
                    ? null
                    : new OpeningKeyDeserializer(vault, a.getType().getKeyType());
        }

        private static boolean container(Annotated a) {
            return Collection.class.isAssignableFrom(a.getRawType()) || Map.class.isAssignableFrom(a.getRawType());
        }
    }

    private static final class SealingSerializer extends StdSerializer<Object> {

        private final transient PersonalDataVault vault;
        private final transient Personal personal;
        private final String property;
        private final boolean key;

        SealingSerializer(PersonalDataVault vault, Personal personal, String property, boolean key) {
            super(Object.class);
            this.vault = vault;
            this.personal = personal;
            this.property = property;
            this.key = key;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            String plain = value.toString();
            String stored;
            if (personal.value() == Personal.KeyOf.ACTOR) {
                stored = vault.sealActor(plain);
            } else if (PersonalDataVault.isSealed(plain)
                    || plain.equals(Personal.ERASED)
                    || PersonalDataVault.isErasedUser(plain)) {
                stored = plain; // sealed already, or erased: nothing personal left (and no owner to look for)
            } else {
                stored = vault.sealValue(owner(gen.getOutputContext(), plain), plain);
            }
            if (key) {
                gen.writeFieldName(stored);
            } else {
                gen.writeString(stored);
            }
        }

        private Owner owner(JsonStreamContext context, String plain) {
            if (personal.value() == Personal.KeyOf.PLATFORM) {
                return Owner.platform();
            }
            boolean person = personal.value() == Personal.KeyOf.PERSON;
            if (person && personal.of().isEmpty()) {
                return Owner.person(UserId.of(plain));
            }
            String name = personal.of().isEmpty() ? "organizationId" : personal.of();
            // the record's own component, else the nearest enclosing object's (an asset within its event)
            Object container = context.getCurrentValue();
            Object owner = null;
            for (JsonStreamContext c = context; c != null && owner == null; c = c.getParent()) {
                owner = Components.read(c.getCurrentValue(), name);
            }
            if (owner == null) {
                throw new IllegalStateException("@Personal " + property + " of "
                        + (container == null ? "?" : container.getClass().getName()) + " names its owner by " + name
                        + ", which neither it nor an enclosing object has");
            }
            return person
                    ? Owner.person(UserId.of(owner.toString()))
                    : Owner.organization(TenantId.of(owner.toString()));
        }
    }

    private static final class OpeningDeserializer extends StdDeserializer<Object> implements ContextualDeserializer {

        private final transient PersonalDataVault vault;
        private final Personal.KeyOf keyOf;
        private final JavaType type;

        OpeningDeserializer(PersonalDataVault vault, Personal.KeyOf keyOf, JavaType type) {
            super(Object.class);
            this.vault = vault;
            this.keyOf = keyOf;
            this.type = type;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            if (type != null) {
                return this; // an element's type, known from the start
            }
            JavaType target = property != null ? property.getType() : ctxt.getContextualType();
            return new OpeningDeserializer(vault, keyOf, target);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return type == null ? p.readValueAsTree() : ctxt.readValue(p, type);
            }
            String text = p.getText();
            if (keyOf == Personal.KeyOf.ACTOR) {
                text = vault.openActor(text);
            } else if (type == null || type.hasRawClass(String.class)) {
                text = vault.openText(text);
            } else {
                text = vault.openUserId(text);
            }
            if (type == null || type.hasRawClass(String.class)) {
                return text;
            }
            return ctxt.readTreeAsValue(TextNode.valueOf(text), type);
        }
    }

    private static final class OpeningKeyDeserializer extends KeyDeserializer {

        private final PersonalDataVault vault;
        private final JavaType type;

        OpeningKeyDeserializer(PersonalDataVault vault, JavaType type) {
            this.vault = vault;
            this.type = type;
        }

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            String text = vault.openUserId(key);
            if (type.hasRawClass(String.class)) {
                return text;
            }
            return ctxt.findKeyDeserializer(type, null).deserializeKey(text, ctxt);
        }
    }

    /** Reads a named record component (or field) of an object, through cached reflection. */
    private static final class Components {

        private static final Map<Class<?>, Map<String, Method>> ACCESSORS = new ConcurrentHashMap<>();

        private Components() {}

        static Object read(Object container, String name) {
            if (container == null) {
                return null;
            }
            Method accessor = ACCESSORS
                    .computeIfAbsent(container.getClass(), Components::accessors)
                    .get(name);
            try {
                if (accessor != null) {
                    return accessor.invoke(container);
                }
                Field field = container.getClass().getDeclaredField(name);
                field.setAccessible(true);
                return field.get(container);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        private static Map<String, Method> accessors(Class<?> type) {
            Map<String, Method> found = new HashMap<>();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    Method accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    found.put(component.getName(), accessor);
                }
            }
            return found;
        }
    }
}
