package dev.hoshi.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import graphql.GraphQLError;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;

/** A subscription refused when subscribing answers with the same code as a query would. */
class HoshiSubscriptionExceptionResolverTest {

    private final HoshiSubscriptionExceptionResolver resolver = new HoshiSubscriptionExceptionResolver();

    @Test
    void aHoshiExceptionKeepsItsCodeAndMessages() {
        List<GraphQLError> errors = resolver.resolveException(new CompletionException(
                        new HoshiException("NOT_FOUND", ErrorKind.NOT_FOUND, "No such thing.", "見つかりません。")))
                .block(Duration.ofSeconds(5));

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.getMessage()).isEqualTo("No such thing.");
            assertThat(error.getErrorType()).isEqualTo(ErrorType.NOT_FOUND);
            assertThat(error.getExtensions())
                    .containsEntry("code", "NOT_FOUND")
                    .containsEntry("kind", "NOT_FOUND")
                    .containsEntry("messageJa", "見つかりません。");
        });
    }

    @Test
    void anythingElseIsLeftToSpringWithoutDetail() {
        assertThat(resolver.resolveException(new IllegalStateException("driver says: secret"))
                        .block(Duration.ofSeconds(5)))
                .isNull();
    }
}
