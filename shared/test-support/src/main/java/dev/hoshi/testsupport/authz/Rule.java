package dev.hoshi.testsupport.authz;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One row of an authorisation matrix: an operation (a field of {@code Query}, {@code Mutation} or {@code
 * Subscription}), a document that calls exactly that field once, its variables, and the personas that must get
 * through. Everyone else must be denied. Deny by default: a rule without {@link #allow} allows nobody.
 */
public final class Rule {

    /** The root type an operation's field belongs to. */
    public enum Kind {
        QUERY("Query"),
        MUTATION("Mutation"),
        SUBSCRIPTION("Subscription");

        private final String typeName;

        Kind(String typeName) {
            this.typeName = typeName;
        }

        public String typeName() {
            return typeName;
        }
    }

    private final Kind kind;
    private final String field;
    private final String document;
    private final Map<String, Object> variables = new LinkedHashMap<>();
    private final Set<Persona> allowed = EnumSet.noneOf(Persona.class);
    private String note;

    private Rule(Kind kind, String field, String document) {
        this.kind = kind;
        this.field = field;
        this.document = document;
    }

    public static Rule query(String field, String document) {
        return new Rule(Kind.QUERY, field, document);
    }

    public static Rule mutation(String field, String document) {
        return new Rule(Kind.MUTATION, field, document);
    }

    public static Rule subscription(String field, String document) {
        return new Rule(Kind.SUBSCRIPTION, field, document);
    }

    public Rule variable(String name, Object value) {
        variables.put(name, value);
        return this;
    }

    public Rule variables(Map<String, ?> values) {
        variables.putAll(values);
        return this;
    }

    /** These personas must get through; every other persona must be denied. */
    public Rule allow(Persona... personas) {
        Collections.addAll(allowed, personas);
        return this;
    }

    public Rule allow(Set<Persona> personas) {
        allowed.addAll(personas);
        return this;
    }

    /**
     * Why this row is what it is where the documentation is silent or the code disagrees with it; shown next to any
     * mismatch the row produces.
     */
    public Rule note(String why) {
        this.note = why;
        return this;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    /** {@code Query.organization}, {@code Mutation.registerOrganization}, ... */
    public String operation() {
        return kind.typeName() + "." + field;
    }

    public String document() {
        return document;
    }

    public Map<String, Object> variables() {
        return Collections.unmodifiableMap(variables);
    }

    public Set<Persona> allowed() {
        return Collections.unmodifiableSet(allowed);
    }

    public boolean allows(Persona persona) {
        return allowed.contains(persona);
    }

    public String note() {
        return note;
    }

    @Override
    public String toString() {
        return operation() + " allows " + allowed;
    }
}
