package dev.hoshi.kernel.error;

/** The broad class of an error; decides how it reaches a client (GraphQL error type, HTTP status). */
public enum ErrorKind {
    /** The input is malformed or breaks a rule that the caller can fix. */
    INVALID_INPUT,
    /** The object does not exist, or the caller may not know that it exists (another tenant's object). */
    NOT_FOUND,
    /** A business rule refuses the action in the current state (e.g. ★★ without a published policy). */
    BUSINESS_RULE,
    /** Someone else changed the same thing at the same time; retrying may succeed. */
    CONFLICT,
    /** The caller is known but may not do this. */
    FORBIDDEN,
    /** The caller is not signed in. */
    UNAUTHENTICATED
}
