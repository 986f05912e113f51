package dev.hoshi.platform.graphql;

import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;

/**
 * Turns exceptions into GraphQL errors a person can act on: a {@link HoshiException} keeps its message and puts its
 * code (and the Japanese message) into the error's {@code extensions}; a concurrent change and a missing aggregate
 * (or an id that names another kind of aggregate) get codes of their own. Anything else is left to Spring for GraphQL, which answers with a bare {@code
 * INTERNAL_ERROR} and no detail: no stack traces, driver or Axon messages ever reach a client.
 */
public class HoshiGraphQlExceptionResolver extends DataFetcherExceptionResolverAdapter {

    public HoshiGraphQlExceptionResolver() {
        setThreadLocalContextAware(true);
    }

    @Override
    protected GraphQLError resolveToSingleError(Throwable thrown, DataFetchingEnvironment env) {
        Throwable ex = unwrap(thrown);
        if (ex instanceof HoshiException hoshi) {
            return error(env, hoshi.kind(), hoshi.code(), hoshi.getMessage(), hoshi.messageJa());
        }
        if (ex instanceof ConcurrencyException) {
            return error(
                    env,
                    ErrorKind.CONFLICT,
                    "CONFLICT",
                    "Someone else changed this at the same moment. Reload and try again.",
                    "同時に別の変更が行われました。再読み込みしてからもう一度お試しください。");
        }
        // an id of another kind of aggregate (an organisation's id given as a support organisation's) is not found
        if (ex instanceof AggregateNotFoundException || ex instanceof IncompatibleAggregateException) {
            HoshiException notFound = HoshiException.notFound();
            return error(env, notFound.kind(), notFound.code(), notFound.getMessage(), notFound.messageJa());
        }
        return null;
    }

    static Throwable unwrap(Throwable thrown) {
        Throwable ex = thrown;
        while ((ex instanceof CompletionException
                        || ex instanceof ExecutionException
                        || ex instanceof CommandExecutionException)
                && ex.getCause() != null) {
            ex = ex.getCause();
        }
        return ex;
    }

    private static GraphQLError error(
            DataFetchingEnvironment env, ErrorKind kind, String code, String message, String messageJa) {
        return GraphqlErrorBuilder.newError(env)
                .errorType(errorType(kind))
                .message(message)
                .extensions(Map.of("code", code, "kind", kind.name(), "messageJa", messageJa))
                .build();
    }

    static ErrorType errorType(ErrorKind kind) {
        return switch (kind) {
            case INVALID_INPUT, BUSINESS_RULE, CONFLICT -> ErrorType.BAD_REQUEST;
            case NOT_FOUND -> ErrorType.NOT_FOUND;
            case FORBIDDEN -> ErrorType.FORBIDDEN;
            case UNAUTHENTICATED -> ErrorType.UNAUTHORIZED;
        };
    }
}
