package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.context.PlatformScoped;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An operator records that an organisation is a member of a support organisation. (Membership proposed by one side
 * and accepted by the other, and consent grants, come with the directory issue.)
 */
@PlatformScoped
public record RecordMembershipCommand(
        @TargetAggregateIdentifier SupportOrganizationId supportOrganizationId, TenantId member) {}
