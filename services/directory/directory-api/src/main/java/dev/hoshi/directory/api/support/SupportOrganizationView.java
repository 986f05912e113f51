package dev.hoshi.directory.api.support;

import java.util.List;

/** A support organisation with its analysts and member organisations. */
public record SupportOrganizationView(
        String id,
        String name,
        String nameEn,
        SupportOrganizationKind kind,
        List<String> analysts,
        List<String> members) {}
