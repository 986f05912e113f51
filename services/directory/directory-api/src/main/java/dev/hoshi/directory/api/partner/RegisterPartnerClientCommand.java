package dev.hoshi.directory.api.partner;

import dev.hoshi.kernel.context.PlatformScoped;
import dev.hoshi.kernel.id.PartnerClientId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator registers a partner portal (a bank, prime contractor, insurer). Its API key comes later. */
@PlatformScoped
public record RegisterPartnerClientCommand(@TargetAggregateIdentifier PartnerClientId partnerClientId, String name) {}
