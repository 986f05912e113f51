package dev.hoshi.directory.api.consent;

/** Who an organisation can grant consent to. */
public enum GranteeKind {
    /** A support organisation (支援機関) the organisation is a member of; its analysts see the data. */
    SUPPORT_ORGANIZATION,
    /** A partner portal (a bank, a prime contractor, an insurer). */
    PARTNER_CLIENT
}
