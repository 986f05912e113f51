package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.UserId;
import dev.hoshi.kernel.personal.Personal;

/**
 * A person is no longer an analyst of the support organisation: from now on it sees nothing of its members. Who
 * removed them, when and why are the event's metadata, as for every event.
 */
public record SupportOrganizationAnalystRemovedEvent(
        SupportOrganizationId supportOrganizationId, @Personal UserId analyst) {}
