package dev.hoshi.platform.graphql;

import dev.hoshi.kernel.error.HoshiException;

/**
 * A business error returned as data in a mutation's payload ({@code errors: [UserError!]!}): the code a program
 * checks, messages a person reads, and the input field at fault when there is one.
 */
public record UserError(String code, String message, String messageJa, String field) {

    public static UserError from(HoshiException e) {
        return new UserError(e.code(), e.getMessage(), e.messageJa(), null);
    }
}
