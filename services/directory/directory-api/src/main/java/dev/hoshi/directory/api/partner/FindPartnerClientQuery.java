package dev.hoshi.directory.api.partner;

import dev.hoshi.kernel.id.PartnerClientId;

/** One partner client; empty when there is none. */
public record FindPartnerClientQuery(PartnerClientId partnerClientId) {}
