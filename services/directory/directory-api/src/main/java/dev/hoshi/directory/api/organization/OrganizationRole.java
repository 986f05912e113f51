package dev.hoshi.directory.api.organization;

/** What a person may do within an organisation (組織内の役割). Every organisation keeps at least one owner. */
public enum OrganizationRole {
    /** Manages the organisation: its profile, its people, its memberships and consent grants. */
    OWNER,
    /** Does the security work: records answers, controls and reviews (in compliance). */
    MEMBER,
    /** Reads everything of the organisation, changes nothing. */
    VIEWER
}
