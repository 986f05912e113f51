package dev.hoshi.testsupport.authz;

/**
 * How one call of one operation came out for one caller.
 *
 * @param access ALLOWED (the caller got through: HTTP 200, no denial code, the field non-null), DENIED (HTTP 401, a
 *     denial code, or the field null) or BROKEN (the request itself is wrong: invalid document, unexpected status)
 * @param detail what was seen, for the report: the status, the error codes, payload errors
 */
public record Verdict(Access access, String detail) {

    public enum Access {
        ALLOWED,
        DENIED,
        BROKEN
    }

    static Verdict allowed(String detail) {
        return new Verdict(Access.ALLOWED, detail);
    }

    static Verdict denied(String detail) {
        return new Verdict(Access.DENIED, detail);
    }

    static Verdict broken(String detail) {
        return new Verdict(Access.BROKEN, detail);
    }

    public boolean allowed() {
        return access == Access.ALLOWED;
    }

    /** True when this is what a rule expecting {@code allowed} asked for. */
    public boolean matches(boolean expectedAllowed) {
        return access == (expectedAllowed ? Access.ALLOWED : Access.DENIED);
    }

    @Override
    public String toString() {
        return access + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
