package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.Personal;

/** A support organisation now exists, with its first analyst. */
public record SupportOrganizationRegisteredEvent(
        SupportOrganizationId supportOrganizationId,
        String name,
        String nameEn,
        SupportOrganizationKind kind,
        @Personal UserId analyst) {}
