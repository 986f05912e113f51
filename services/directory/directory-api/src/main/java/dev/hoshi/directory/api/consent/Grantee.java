package dev.hoshi.directory.api.consent;

import dev.hoshi.kernel.id.PartnerClientId;
import dev.hoshi.kernel.id.SupportOrganizationId;
import java.util.Objects;

/**
 * Who receives a consent grant: a support organisation or a partner client, by id.
 *
 * @param kind what the id names
 * @param id a {@link SupportOrganizationId} or a {@link PartnerClientId}, in its string form
 */
public record Grantee(GranteeKind kind, String id) {

    public Grantee {
        Objects.requireNonNull(kind, "kind");
        switch (kind) {
            case SUPPORT_ORGANIZATION -> SupportOrganizationId.of(id);
            case PARTNER_CLIENT -> PartnerClientId.of(id);
        }
    }

    public static Grantee supportOrganization(SupportOrganizationId id) {
        return new Grantee(GranteeKind.SUPPORT_ORGANIZATION, id.toString());
    }

    public static Grantee partnerClient(PartnerClientId id) {
        return new Grantee(GranteeKind.PARTNER_CLIENT, id.toString());
    }

    @Override
    public String toString() {
        return kind + ":" + id;
    }
}
