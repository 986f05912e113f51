package dev.hoshi.directory.api.support;

/** All support organisations with their members (operators). */
public record ListSupportOrganizationsQuery() {}
