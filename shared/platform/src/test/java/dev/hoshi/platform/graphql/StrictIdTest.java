package dev.hoshi.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An ID variable is a string or an integer; a boolean, a fraction or an object is refused, not turned into text. */
class StrictIdTest {

    private final GraphQL graphQl = GraphQL.newGraphQL(new SchemaGenerator()
                    .makeExecutableSchema(
                            new SchemaParser().parse("type Query { echo(id: ID!): ID }"),
                            StrictId.register(RuntimeWiring.newRuntimeWiring())
                                    .type("Query", q -> q.dataFetcher("echo", env -> env.getArgument("id")))
                                    .build()))
            .build();

    private ExecutionResult echo(Object id) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("id", id);
        return graphQl.execute(ExecutionInput.newExecutionInput()
                .query("query($id: ID!) { echo(id: $id) }")
                .variables(variables)
                .build());
    }

    @Test
    void stringsAndIntegersAreIds() {
        assertThat(echo("sato-seisakusho").<Map<String, Object>>getData()).containsEntry("echo", "sato-seisakusho");
        assertThat(echo(42).<Map<String, Object>>getData()).containsEntry("echo", "42");
        assertThat(echo(42L).getErrors()).isEmpty();
    }

    @Test
    void booleansFractionsAndObjectsAreRefused() {
        for (Object wrong : new Object[] {true, 1.5, Map.of("$ne", "x")}) {
            ExecutionResult result = echo(wrong);
            assertThat(result.getErrors()).as("%s", wrong).singleElement().satisfies(error -> {
                assertThat(error.getErrorType().toString()).isEqualTo("ValidationError");
                assertThat(error.getMessage()).contains("must be a string or an integer");
            });
            assertThat(result.<Object>getData()).isNull();
        }
    }

    @Test
    void literalsStayAsTheSpecificationHasThem() {
        assertThat(graphQl.execute("{ echo(id: 7) }").<Map<String, Object>>getData())
                .containsEntry("echo", "7");
        assertThat(graphQl.execute("{ echo(id: true) }").getErrors()).isNotEmpty();
    }
}
