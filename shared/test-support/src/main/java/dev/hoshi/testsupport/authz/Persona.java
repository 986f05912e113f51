package dev.hoshi.testsupport.authz;

import java.util.EnumSet;
import java.util.Set;

/**
 * The callers every service's authorisation matrix tries on every operation. Tenant A is the organisation the world
 * is built around; B is another tenant. Each service's test decides who these are (subjects, organisations, grants)
 * and gives each a {@link Credential}.
 */
public enum Persona {
    /** An owner of tenant A, acting for A. */
    OWNER_A,
    /** A viewer of tenant A, acting for A: reads, changes nothing. */
    VIEWER_A,
    /** An owner of tenant B, acting for B (their own tenant, never A). */
    OWNER_B,
    /** An analyst of a support organisation that A granted consent to (grant active). */
    ANALYST_WITH_GRANT,
    /** An analyst of a support organisation with no grant (A is a member of it: membership alone discloses nothing). */
    ANALYST_WITHOUT_GRANT,
    /** An analyst of a support organisation whose grant from A was revoked. */
    ANALYST_REVOKED,
    /** A partner client A granted access to. */
    PARTNER_WITH_GRANT,
    /** A partner client nobody granted anything. */
    PARTNER_WITHOUT_GRANT,
    /** A platform operator: manages support organisations and partner clients, sees no tenant data by default. */
    OPERATOR,
    /** No token at all. */
    ANONYMOUS;

    /** Everyone with a token. */
    public static Set<Persona> signedIn() {
        return EnumSet.complementOf(EnumSet.of(ANONYMOUS));
    }

    /** Short column heading for the report table. */
    String heading() {
        return switch (this) {
            case OWNER_A -> "OWN_A";
            case VIEWER_A -> "VIEW_A";
            case OWNER_B -> "OWN_B";
            case ANALYST_WITH_GRANT -> "AN+";
            case ANALYST_WITHOUT_GRANT -> "AN-";
            case ANALYST_REVOKED -> "AN_REV";
            case PARTNER_WITH_GRANT -> "PA+";
            case PARTNER_WITHOUT_GRANT -> "PA-";
            case OPERATOR -> "OPER";
            case ANONYMOUS -> "ANON";
        };
    }
}
