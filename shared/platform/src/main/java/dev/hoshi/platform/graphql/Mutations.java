package dev.hoshi.platform.graphql;

import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Runs a mutation and turns the errors a caller can fix (invalid input, a business rule, a conflict, something
 * that already exists) into {@link UserError}s in the payload. Authorisation failures and anything unexpected are
 * not data: they propagate and become GraphQL errors.
 */
public final class Mutations {

    private Mutations() {}

    /** The result of a mutation: a value, or the errors that stopped it (never both). */
    public record Outcome<T>(T value, List<UserError> errors) {
        public boolean succeeded() {
            return errors.isEmpty();
        }
    }

    public static <T> Outcome<T> attempt(Supplier<T> action) {
        try {
            return new Outcome<>(action.get(), List.of());
        } catch (HoshiException e) {
            if (e.kind() == ErrorKind.FORBIDDEN
                    || e.kind() == ErrorKind.UNAUTHENTICATED
                    || e.kind() == ErrorKind.NOT_FOUND) {
                throw e;
            }
            return new Outcome<>(null, List.of(UserError.from(e)));
        } catch (AggregateStreamCreationException e) {
            return failed(new UserError(
                    "ALREADY_EXISTS",
                    "Something with this id already exists; choose another id.",
                    "このIDはすでに使われています。別のIDを指定してください。",
                    "id"));
        } catch (ConcurrencyException e) {
            return failed(new UserError(
                    "CONFLICT",
                    "Someone else changed this at the same moment. Reload and try again.",
                    "同時に別の変更が行われました。再読み込みしてからもう一度お試しください。",
                    null));
        }
    }

    private static <T> Outcome<T> failed(UserError error) {
        return new Outcome<>(null, List.of(error));
    }
}
