package dev.hoshi.directory.api.organization;

/** All organisations, oldest first (operators). */
public record ListOrganizationsQuery() {}
