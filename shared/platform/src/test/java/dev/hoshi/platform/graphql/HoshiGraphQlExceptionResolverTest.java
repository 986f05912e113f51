package dev.hoshi.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.Scalars;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.MergedField;
import graphql.execution.ResultPath;
import graphql.language.Field;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;

/** Axon's failures that are the caller's doing answer with a code, never INTERNAL_ERROR. */
class HoshiGraphQlExceptionResolverTest {

    private final HoshiGraphQlExceptionResolver resolver = new HoshiGraphQlExceptionResolver();

    private final DataFetchingEnvironment env = DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
            .mergedField(MergedField.newMergedField(
                            Field.newField("recordMembership").build())
                    .build())
            .executionStepInfo(ExecutionStepInfo.newExecutionStepInfo()
                    .type(Scalars.GraphQLString)
                    .path(ResultPath.rootPath())
                    .build())
            .graphQLContext(GraphQLContext.newContext().build())
            .build();

    @Test
    void anIdOfAnotherKindOfAggregateIsNotFound() {
        // a command to a support organisation, given an organisation's id: the stream is not of its kind
        IncompatibleAggregateException incompatible =
                new IncompatibleAggregateException("Aggregate identifier must be non-null after applying an event.");
        List<GraphQLError> errors = resolver.resolveException(
                        new CommandExecutionException("failed", incompatible), env)
                .block(Duration.ofSeconds(5));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.getErrorType()).isEqualTo(ErrorType.NOT_FOUND);
            assertThat(error.getExtensions()).containsEntry("code", "NOT_FOUND");
            assertThat(error.getMessage()).doesNotContain("Aggregate identifier");
        });
    }
}
