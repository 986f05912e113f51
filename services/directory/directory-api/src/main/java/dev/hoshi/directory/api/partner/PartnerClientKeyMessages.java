package dev.hoshi.directory.api.partner;

import dev.hoshi.kernel.context.PlatformScoped;
import dev.hoshi.kernel.id.PartnerClientId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A partner client's API keys. The key itself is shown once, when issued, and never stored: events carry only the
 * SHA-256 of its secret part. Several keys may be active at once, so a key is rotated by issuing the new one,
 * switching the portal over, then revoking the old one.
 */
public final class PartnerClientKeyMessages {

    private PartnerClientKeyMessages() {}

    @PlatformScoped
    public record IssuePartnerClientKeyCommand(
            @TargetAggregateIdentifier PartnerClientId partnerClientId, String keyId, String secretHash) {}

    @PlatformScoped
    public record RevokePartnerClientKeyCommand(
            @TargetAggregateIdentifier PartnerClientId partnerClientId, String keyId) {}

    /** A new API key works from now on; {@code secretHash} is the hex SHA-256 of its secret part. */
    public record PartnerClientKeyIssuedEvent(PartnerClientId partnerClientId, String keyId, String secretHash) {}

    /** The key no longer works. */
    public record PartnerClientKeyRevokedEvent(PartnerClientId partnerClientId, String keyId) {}

    /** Which partner client a presented key belongs to; empty when unknown, revoked or wrong. */
    public record ResolvePartnerKeyQuery(String keyId, String secretHash) {}
}
