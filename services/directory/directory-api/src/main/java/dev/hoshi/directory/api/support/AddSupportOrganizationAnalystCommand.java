package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.context.PlatformScoped;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator adds an analyst to a support organisation. Adding one twice changes nothing. */
@PlatformScoped
public record AddSupportOrganizationAnalystCommand(
        @TargetAggregateIdentifier SupportOrganizationId supportOrganizationId, UserId analyst) {}
