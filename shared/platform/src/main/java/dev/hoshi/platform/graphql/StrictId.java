package dev.hoshi.platform.graphql;

import graphql.GraphQLContext;
import graphql.Scalars;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;
import java.math.BigInteger;
import java.util.Locale;

/**
 * GraphQL's {@code ID} as the specification has it: an input is a string or an integer, nothing else. graphql-java's
 * own {@code ID} turns any variable value into text ({@code true} becomes the id {@code "true"}, {@code 1.5} the id
 * {@code "1.5"}), so a client sending the wrong type would name, or create, something it never meant to.
 */
public final class StrictId {

    /** Replaces the built-in {@code ID} in a service's schema (see {@link HoshiGraphQlAutoConfiguration}). */
    public static final GraphQLScalarType SCALAR = GraphQLScalarType.newScalar(Scalars.GraphQLID)
            .coercing(new StrictCoercing())
            .build();

    private StrictId() {}

    /**
     * Puts {@link #SCALAR} in place of the built-in {@code ID}. The wiring's strict mode (on by default) refuses to
     * redefine a scalar, so it is off for this one replacement only.
     */
    public static RuntimeWiring.Builder register(RuntimeWiring.Builder wiring) {
        return wiring.strictMode(false).scalar(SCALAR).strictMode(true);
    }

    @SuppressWarnings("unchecked")
    private static Coercing<Object, Object> builtIn() {
        return (Coercing<Object, Object>) Scalars.GraphQLID.getCoercing();
    }

    private static final class StrictCoercing implements Coercing<Object, Object> {

        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) {
            return builtIn().serialize(value, context, locale);
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) {
            if (!(input instanceof String
                    || input instanceof Integer
                    || input instanceof Long
                    || input instanceof BigInteger)) {
                throw new CoercingParseValueException("An ID must be a string or an integer, not "
                        + (input instanceof Boolean ? "a boolean" : input instanceof Number ? "a fraction" : "this")
                        + ".");
            }
            return builtIn().parseValue(input, context, locale);
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            return builtIn().parseLiteral(input, variables, context, locale);
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return builtIn().valueToLiteral(input, context, locale);
        }
    }
}
