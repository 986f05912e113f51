package dev.hoshi.directory.api.organization;

import java.time.Instant;

/** An organisation's directory entry. */
public record OrganizationView(
        String id, String name, String nameEn, String corporateNumber, String owner, Instant registeredAt) {}
