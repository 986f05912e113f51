package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An owner of {@code organizationId} accepts the support organisation's pending invitation. */
public record AcceptMembershipInvitationCommand(
        @TargetAggregateIdentifier SupportOrganizationId supportOrganizationId, TenantId organizationId) {}
