package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.context.PlatformScoped;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An operator records that an organisation is a member of a support organisation, without the two-sided handshake
 * ({@link ProposeMembershipCommand} / {@link InviteOrganizationCommand} and their answers). Recording a member twice
 * changes nothing.
 */
@PlatformScoped
public record RecordMembershipCommand(
        @TargetAggregateIdentifier SupportOrganizationId supportOrganizationId, TenantId member) {}
