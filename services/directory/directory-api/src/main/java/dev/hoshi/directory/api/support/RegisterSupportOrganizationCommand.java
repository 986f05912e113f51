package dev.hoshi.directory.api.support;

import dev.hoshi.kernel.context.PlatformScoped;
import dev.hoshi.kernel.id.SupportOrganizationId;
import dev.hoshi.kernel.id.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator registers a support organisation with its first analyst. */
@PlatformScoped
public record RegisterSupportOrganizationCommand(
        @TargetAggregateIdentifier SupportOrganizationId supportOrganizationId,
        String name,
        String nameEn,
        SupportOrganizationKind kind,
        UserId analyst) {}
