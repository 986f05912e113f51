package dev.hoshi.directory.api.person;

import dev.hoshi.kernel.id.TenantId;
import dev.hoshi.kernel.personal.KeyErasure;
import dev.hoshi.kernel.personal.Personal;
import dev.hoshi.kernel.personal.Personal.KeyOf;

/**
 * An operator erased personal data by deleting its key (crypto-shredding). These events carry no personal data
 * themselves: read models that copied a person's user id find theirs by {@code subjectDigest} (the vault's keyed,
 * non-reversible digest of the person, see {@code PersonalDataVault#digest}) and put {@code erasedAs} in its place,
 * what the person's sealed ids read as from now on; every service forgets the key id from its key cache.
 */
public final class ErasureEvents {

    private ErasureEvents() {}

    /**
     * A person's key was deleted ({@code keyId} null when they had none: nothing of theirs was sealed, or it was
     * erased before). {@code reason} is the operator's (e.g. a ticket number); it may still name the requester, so
     * it is stored sealed with Hoshi's own key ({@link KeyOf#PLATFORM}): not the erased person's (gone at once) nor
     * the operator's (erasing an operator must not blank the record of the erasures they did).
     */
    public record PersonErasedEvent(
            String subjectDigest, String keyId, String erasedAs, @Personal(KeyOf.PLATFORM) String reason)
            implements KeyErasure {}

    /**
     * An organisation's key was deleted: its free text (notes, reasons, evidence, incident text) reads as erased;
     * {@code reason} sealed as above.
     */
    public record OrganizationDataErasedEvent(
            TenantId organizationId, String keyId, @Personal(KeyOf.PLATFORM) String reason) implements KeyErasure {}
}
