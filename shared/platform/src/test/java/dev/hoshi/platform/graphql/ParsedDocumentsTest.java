package dev.hoshi.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ParsedDocumentsTest {

    private static final String SDL =
            "type Query { hello(name: String): String, node: Node }" + " type Node { child: Node, name: String }";

    private final ParsedDocuments documents = new ParsedDocuments(8, 10_000);
    private final AtomicInteger parses = new AtomicInteger();
    private final GraphQLSchema schema = new SchemaGenerator()
            .makeExecutableSchema(
                    new SchemaParser().parse(SDL),
                    RuntimeWiring.newRuntimeWiring()
                            .type("Query", q -> q.dataFetcher("hello", env -> "hello " + env.getArgument("name")))
                            .build());

    @Test
    void aDocumentSentAgainWithOtherVariablesIsParsedOnceAndAnswersForEachCall() {
        GraphQL graphQl = countingParses();
        String query = "query($name: String) { hello(name: $name) }";

        ExecutionResult sato = graphQl.execute(ExecutionInput.newExecutionInput(query)
                .variables(Map.of("name", "sato"))
                .build());
        ExecutionResult suzuki = graphQl.execute(ExecutionInput.newExecutionInput(query)
                .variables(Map.of("name", "suzuki"))
                .build());

        assertThat(sato.<Map<String, Object>>getData()).containsEntry("hello", "hello sato");
        assertThat(suzuki.<Map<String, Object>>getData()).containsEntry("hello", "hello suzuki");
        assertThat(parses).hasValue(1);
    }

    @Test
    void anInvalidDocumentIsRefusedEveryTimeAndNotRemembered() {
        GraphQL graphQl = countingParses();

        for (int i = 0; i < 2; i++) {
            assertThat(graphQl.execute("{ nosuchfield }").getErrors()).isNotEmpty();
        }

        assertThat(parses).hasValue(2);
        assertThat(documents.size()).isZero();
    }

    @Test
    void theDepthLimitStillAppliesToARememberedDocument() {
        GraphQL graphQl = GraphQL.newGraphQL(schema)
                .preparsedDocumentProvider(documents)
                .instrumentation(new MaxQueryDepthInstrumentation(2))
                .build();
        String deep = "{ node { child { child { name } } } }";

        assertThat(graphQl.execute(deep).getErrors()).isNotEmpty();
        assertThat(graphQl.execute(deep).getErrors()).isNotEmpty();
    }

    @Test
    void remembersAtMostItsCapacityAndNoLongDocuments() {
        ParsedDocuments small = new ParsedDocuments(3, 60);
        GraphQL graphQl =
                GraphQL.newGraphQL(schema).preparsedDocumentProvider(small).build();
        ExecutionResult longOne = graphQl.execute("{ " + "x".repeat(60) + ": hello }");
        assertThat(longOne.getErrors()).isEmpty();
        assertThat(small.size()).isZero();

        for (int i = 0; i < 10; i++) {
            graphQl.execute("{ a" + i + ": hello }");
        }

        assertThat(small.size()).isEqualTo(3);
    }

    /** GraphQL with {@link #documents}, counting the documents it has to parse and validate in {@link #parses}. */
    private GraphQL countingParses() {
        return GraphQL.newGraphQL(schema)
                .preparsedDocumentProvider((input, parse) -> documents.getDocumentAsync(input, counting(parse, parses)))
                .build();
    }

    private static Function<ExecutionInput, PreparsedDocumentEntry> counting(
            Function<ExecutionInput, PreparsedDocumentEntry> parse, AtomicInteger parses) {
        return input -> {
            parses.incrementAndGet();
            return parse.apply(input);
        };
    }
}
