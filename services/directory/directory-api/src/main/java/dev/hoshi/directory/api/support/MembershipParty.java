package dev.hoshi.directory.api.support;

/** The two sides of a membership: the SME organisation and the support organisation. */
public enum MembershipParty {
    /** The SME organisation, through one of its owners. */
    ORGANIZATION,
    /** The support organisation, through one of its analysts. */
    SUPPORT_ORGANIZATION
}
