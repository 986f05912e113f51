package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.context.PlatformScoped;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An operator removes an analyst from a support organisation. Removing someone who is not one of its analysts is
 * refused ({@code NOT_AN_ANALYST}), and so is removing its last analyst ({@code LAST_ANALYST}): add the successor
 * first.
 */
@PlatformScoped
public record RemoveSupportOrganizationAnalystCommand(
        @TargetAggregateIdentifier SupportOrganizationId supportOrganizationId, UserId analyst) {}
