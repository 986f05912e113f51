package dev.hoshi.platform.graphql;

import dev.hoshi.kernel.error.HoshiException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.Map;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;

/**
 * {@link HoshiGraphQlExceptionResolver} for subscriptions: Spring for GraphQL hands an exception of a subscription
 * (thrown when subscribing, or ending its stream) to these resolvers instead. A {@link HoshiException} keeps its
 * message, code and Japanese message; anything else stays Spring's bare error without detail.
 */
public class HoshiSubscriptionExceptionResolver extends SubscriptionExceptionResolverAdapter {

    public HoshiSubscriptionExceptionResolver() {
        setThreadLocalContextAware(true);
    }

    @Override
    protected GraphQLError resolveToSingleError(Throwable thrown) {
        if (!(HoshiGraphQlExceptionResolver.unwrap(thrown) instanceof HoshiException hoshi)) {
            return null;
        }
        return GraphqlErrorBuilder.newError()
                .errorType(HoshiGraphQlExceptionResolver.errorType(hoshi.kind()))
                .message(hoshi.getMessage())
                .extensions(Map.of("code", hoshi.code(), "kind", hoshi.kind().name(), "messageJa", hoshi.messageJa()))
                .build();
    }
}
