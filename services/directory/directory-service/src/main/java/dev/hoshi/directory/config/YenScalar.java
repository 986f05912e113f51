package dev.hoshi.directory.config;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.math.BigInteger;
import java.util.Locale;

/**
 * {@code scalar Yen}: a whole number of yen, up to 64 bits. GraphQL's {@code Int} stops at about 2.1 billion, less
 * than many companies' capital. Written as a JSON number; a string of digits is accepted too.
 */
final class YenScalar {

    static final GraphQLScalarType TYPE = GraphQLScalarType.newScalar()
            .name("Yen")
            .description("A whole number of yen (64-bit).")
            .coercing(new YenCoercing())
            .build();

    private YenScalar() {}

    private static final class YenCoercing implements Coercing<Long, Long> {

        @Override
        public Long serialize(Object value, GraphQLContext context, Locale locale) {
            if (value instanceof Long || value instanceof Integer) {
                return ((Number) value).longValue();
            }
            throw new CoercingSerializeException("Not a whole number of yen: " + value);
        }

        @Override
        public Long parseValue(Object input, GraphQLContext context, Locale locale) {
            try {
                return toLong(input);
            } catch (RuntimeException e) {
                throw new CoercingParseValueException("A Yen value is a whole number; '" + input + "' is not.");
            }
        }

        @Override
        public Long parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            try {
                if (input instanceof IntValue i) {
                    return i.getValue().longValueExact();
                }
                if (input instanceof StringValue s) {
                    return Long.parseLong(s.getValue());
                }
            } catch (RuntimeException e) {
                // fall through
            }
            throw new CoercingParseLiteralException("A Yen value is a whole number; '" + input + "' is not.");
        }

        private static long toLong(Object input) {
            if (input instanceof Long || input instanceof Integer || input instanceof Short) {
                return ((Number) input).longValue();
            }
            if (input instanceof BigInteger b) {
                return b.longValueExact();
            }
            if (input instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e18) {
                return (long) d.doubleValue();
            }
            if (input instanceof String s) {
                return Long.parseLong(s.strip());
            }
            throw new IllegalArgumentException("not a whole number");
        }
    }
}
