package dev.hoshi.directory.api.organization;

import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An owner sets or changes the organisation's profile, giving all of it. */
public record UpdateOrganizationProfileCommand(
        @TargetAggregateIdentifier TenantId organizationId, OrganizationProfile profile, UserId requestedBy) {}
