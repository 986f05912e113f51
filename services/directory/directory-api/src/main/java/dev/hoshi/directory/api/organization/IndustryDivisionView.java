package dev.hoshi.directory.api.organization;

import java.util.List;

/**
 * A JSIC major division and the SME sectors its businesses fall into.
 *
 * @param sectors one option when the whole division is in one sector; several when the owner must choose
 * @param defaultSector the sector used when the owner does not choose; {@code null} when they must
 */
public record IndustryDivisionView(JsicDivision division, List<SectorOption> sectors, SmeSector defaultSector) {

    /** A sector the division's businesses may fall into, and which of them (by JSIC group) in both languages. */
    public record SectorOption(SmeSector sector, String descriptionJa, String descriptionEn) {}
}
