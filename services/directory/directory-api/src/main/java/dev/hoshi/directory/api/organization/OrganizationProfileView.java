package dev.hoshi.directory.api.organization;

import java.time.Instant;

/**
 * An organisation's profile as it reads now.
 *
 * @param sector the SME sector used: the owner's choice, else the division's; {@code null} when the current data
 *     cannot say (the division spans sectors and none was chosen)
 * @param smeClass derived from sector, employees and capital under the thresholds in force; {@code null} with no
 *     sector
 */
public record OrganizationProfileView(
        String organizationId,
        JsicDivision industry,
        SmeSector sector,
        int employees,
        Long capitalYen,
        Prefecture prefecture,
        String nameEn,
        SmeClass smeClass,
        Instant updatedAt) {}
