package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.context.PlatformScoped;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.id.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An analyst of the support organisation invites an SME organisation to become a member; an owner of that
 * organisation then accepts or declines.
 *
 * @param analyst the person asking; must be one of the support organisation's analysts
 */
@PlatformScoped
public record InviteOrganizationCommand(
        @TargetAggregateIdentifier SupportOrganizationId supportOrganizationId,
        TenantId organizationId,
        UserId analyst) {}
