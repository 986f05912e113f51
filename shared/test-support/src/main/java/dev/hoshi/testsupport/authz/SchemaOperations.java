package dev.hoshi.testsupport.authz;

import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationTypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every operation a service's GraphQL schema offers, read from its schema files on the classpath (the files Spring
 * for GraphQL loads, {@code graphql/**}{@code /*.graphqls} by default): the fields of {@code Query}, {@code Mutation}
 * and {@code Subscription}, extensions included, named {@code Query.organization}, {@code Mutation.registerX}, ...
 */
public final class SchemaOperations {

    /** Where Spring Boot looks for schema files unless told otherwise. */
    public static final String DEFAULT_LOCATION = "classpath*:graphql/**/*.graphqls";

    private SchemaOperations() {}

    /** The operations, in schema order: queries, then mutations, then subscriptions. */
    public static List<String> read(String locationPattern) {
        TypeDefinitionRegistry registry = registry(locationPattern);
        List<String> operations = new ArrayList<>();
        for (Rule.Kind kind : Rule.Kind.values()) {
            String typeName = rootTypeName(registry, kind);
            registry.getType(typeName, ObjectTypeDefinition.class)
                    .ifPresent(type -> add(operations, kind, type.getFieldDefinitions()));
            registry.objectTypeExtensions()
                    .getOrDefault(typeName, List.of())
                    .forEach(extension -> add(operations, kind, extension.getFieldDefinitions()));
        }
        return operations;
    }

    private static void add(List<String> operations, Rule.Kind kind, List<FieldDefinition> fields) {
        fields.forEach(field -> operations.add(kind.typeName() + "." + field.getName()));
    }

    /** The root type's name: {@code schema { query: ... }} when the schema says, else the default name. */
    private static String rootTypeName(TypeDefinitionRegistry registry, Rule.Kind kind) {
        String operation = kind.name().toLowerCase(Locale.ROOT);
        return registry.schemaDefinition()
                .flatMap(schema -> schema.getOperationTypeDefinitions().stream()
                        .filter(o -> o.getName().equals(operation))
                        .map(OperationTypeDefinition::getTypeName)
                        .map(t -> t.getName())
                        .findFirst())
                .or(() -> Optional.of(kind.typeName()))
                .get();
    }

    private static TypeDefinitionRegistry registry(String locationPattern) {
        Resource[] resources;
        try {
            resources = new PathMatchingResourcePatternResolver().getResources(locationPattern);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (resources.length == 0) {
            throw new AssertionError("No GraphQL schema files found at " + locationPattern
                    + ": the authorisation matrix cannot tell which operations exist.");
        }
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        SchemaParser parser = new SchemaParser();
        for (Resource resource : resources) {
            try (InputStream in = resource.getInputStream()) {
                registry.merge(parser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + resource, e);
            }
        }
        return registry;
    }
}
