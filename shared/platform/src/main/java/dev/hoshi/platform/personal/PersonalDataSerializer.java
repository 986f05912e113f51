package dev.hoshi.platform.personal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.hoshi.kernel.context.Actor;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.Personal;
import dev.hoshi.platform.axon.MessageContext;
import dev.hoshi.platform.personal.PersonalDataVault.Owner;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
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

    private static final Pattern ERASED_USER = Pattern.compile(Personal.ERASED_USER_PREFIX + "([0-9a-f]{8}|legacy)");
    private static final String USER_ACTOR = Actor.Kind.USER + ":";

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
            return delegate.serialize(meta.and(MessageContext.ACTOR, sealActor(actor)), expectedRepresentation);
        }
        return delegate.serialize(object, expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        T result = delegate.deserialize(serializedObject);
        if (result instanceof MetaData meta && meta.get(MessageContext.ACTOR) instanceof String actor) {
            @SuppressWarnings("unchecked")
            T opened = (T) meta.and(MessageContext.ACTOR, openActor(actor));
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

    private String sealActor(String actor) {
        if (!actor.startsWith(USER_ACTOR)) {
            return actor; // partner clients and Hoshi itself are not people
        }
        String subject = actor.substring(USER_ACTOR.length());
        if (PersonalDataVault.isSealed(subject) || ERASED_USER.matcher(subject).matches()) {
            return actor;
        }
        return USER_ACTOR + vault.seal(Owner.person(UserId.of(subject)), subject);
    }

    private String openActor(String actor) {
        if (!actor.startsWith(USER_ACTOR + PersonalDataVault.PREFIX)) {
            return actor;
        }
        String sealed = actor.substring(USER_ACTOR.length());
        return USER_ACTOR + vault.open(sealed).orElseGet(() -> erasedUser(sealed));
    }

    private static String erasedUser(String sealed) {
        return Personal.ERASED_USER_PREFIX + PersonalDataVault.keyReference(sealed);
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
            return personal == null ? null : new SealingSerializer(vault, personal, a.getName());
        }

        @Override
        public Object findDeserializer(Annotated a) {
            return a.hasAnnotation(Personal.class) ? new OpeningDeserializer(vault, null) : null;
        }
    }

    private static final class SealingSerializer extends StdSerializer<Object> {

        private final transient PersonalDataVault vault;
        private final transient Personal personal;
        private final String property;

        SealingSerializer(PersonalDataVault vault, Personal personal, String property) {
            super(Object.class);
            this.vault = vault;
            this.personal = personal;
            this.property = property;
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            String plain = value.toString();
            if (PersonalDataVault.isSealed(plain)
                    || plain.equals(Personal.ERASED)
                    || ERASED_USER.matcher(plain).matches()) {
                gen.writeString(plain); // sealed already, or erased: nothing personal left
                return;
            }
            gen.writeString(vault.seal(owner(gen.currentValue(), plain), plain));
        }

        private Owner owner(Object container, String plain) {
            boolean person = personal.value() == Personal.KeyOf.PERSON;
            if (person && personal.of().isEmpty()) {
                return Owner.person(UserId.of(plain));
            }
            String name = personal.of().isEmpty() ? "organizationId" : personal.of();
            Object owner = Components.read(container, name);
            if (owner == null) {
                throw new IllegalStateException("@Personal " + property + " of "
                        + (container == null ? "?" : container.getClass().getName()) + " names its owner by " + name
                        + ", which is missing");
            }
            return person
                    ? Owner.person(UserId.of(owner.toString()))
                    : Owner.organization(TenantId.of(owner.toString()));
        }
    }

    private static final class OpeningDeserializer extends StdDeserializer<Object> implements ContextualDeserializer {

        private final transient PersonalDataVault vault;
        private final JavaType type;

        OpeningDeserializer(PersonalDataVault vault, JavaType type) {
            super(Object.class);
            this.vault = vault;
            this.type = type;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            JavaType target = property != null ? property.getType() : ctxt.getContextualType();
            return new OpeningDeserializer(vault, target);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return type == null ? p.readValueAsTree() : ctxt.readValue(p, type);
            }
            String text = p.getText();
            if (text.startsWith(PersonalDataVault.PREFIX)) {
                boolean asText = type == null || type.hasRawClass(String.class);
                text = vault.open(text).orElse(asText ? Personal.ERASED : erasedUser(text));
            }
            if (type == null || type.hasRawClass(String.class)) {
                return text;
            }
            return ctxt.readTreeAsValue(TextNode.valueOf(text), type);
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
