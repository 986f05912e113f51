package dev.hoshi.directory.organization.command;

import dev.hoshi.directory.api.organization.CorporateNumber;
import dev.hoshi.kernel.error.ErrorKind;
import dev.hoshi.kernel.error.HoshiException;
import dev.hoshi.kernel.id.TenantId;

/**
 * Which organisation holds each corporate number (法人番号): the set-based check that no two organisations share one,
 * which a single aggregate cannot make. A claim is written before the event that uses the number is applied, and
 * written atomically (a unique key), so two registrations racing for one number cannot both win.
 */
public interface CorporateNumberClaims {

    /**
     * Claims {@code number} for {@code organization}.
     *
     * @return true if this call made the claim, false if the organisation already held it
     * @throws HoshiException {@code CORPORATE_NUMBER_TAKEN} if another organisation holds it
     */
    boolean claim(CorporateNumber number, TenantId organization);

    /** Gives up the organisation's claim to {@code number}; a claim held by another organisation stays. */
    void release(CorporateNumber number, TenantId organization);

    static HoshiException taken(CorporateNumber number) {
        return new HoshiException(
                "CORPORATE_NUMBER_TAKEN",
                ErrorKind.CONFLICT,
                "Another organisation is already registered with corporate number " + number
                        + ". Check the number; if it is right, find the organisation already registered with it"
                        + " instead of registering a second one.",
                "法人番号 " + number + " は別の組織で登録済みです。番号を確認してください。正しい場合は、新たに登録せず、既に登録されている組織を利用してください。");
    }
}
