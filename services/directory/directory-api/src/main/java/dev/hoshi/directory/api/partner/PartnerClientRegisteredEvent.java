package dev.hoshi.directory.api.partner;

import dev.hoshi.kernel.id.PartnerClientId;

/** A partner client now exists; it sees nothing until an organisation grants it access. */
public record PartnerClientRegisteredEvent(PartnerClientId partnerClientId, String name) {}
