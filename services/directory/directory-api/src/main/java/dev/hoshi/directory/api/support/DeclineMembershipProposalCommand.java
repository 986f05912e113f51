package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.context.PlatformScoped;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An analyst of the support organisation declines an SME organisation's pending proposal to join. */
@PlatformScoped
public record DeclineMembershipProposalCommand(
        @TargetAggregateIdentifier SupportOrganizationId supportOrganizationId,
        TenantId organizationId,
        UserId analyst) {}
