package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An owner of {@code organizationId} asks to join a support organisation; one of its analysts then accepts or
 * declines. (The caller's ownership is checked before this command is sent: the support organisation does not know
 * the SME's people.)
 */
public record ProposeMembershipCommand(
        @TargetAggregateIdentifier SupportOrganizationId supportOrganizationId, TenantId organizationId) {}
