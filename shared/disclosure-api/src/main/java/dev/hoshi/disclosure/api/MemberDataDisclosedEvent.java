package dev.hoshi.disclosure.api;

import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.personal.Personal;
import dev.hoshi.kernel.personal.Personal.KeyOf;

/**
 * Someone outside an organisation was shown its data through insights: an analyst listing or exporting a support
 * organisation's members, a partner client reading an attestation. The organisation lists these (compliance's
 * {@code accessLog}) beside the reads compliance itself logs.
 *
 * <p>Events stored before this record moved here carry the type {@code
 * dev.hoshi.insights.api.disclosure.MemberDataDisclosedEvent}; the platform's upcaster reads them as this record.
 *
 * @param viewer who read: {@code USER:<analyst>} or {@code PARTNER_CLIENT:<id>}
 * @param scope the grant's scope the data was cut to
 * @param what what was read: MEMBER_LIST, MEMBER_EXPORT or ATTESTATION
 */
public record MemberDataDisclosedEvent(
        TenantId organizationId, @Personal(KeyOf.ACTOR) String viewer, String scope, String what) {}
