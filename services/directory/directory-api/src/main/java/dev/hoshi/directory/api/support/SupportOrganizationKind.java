package dev.hoshi.directory.api.support;

/** The kinds of organisation that support SMEs' SECURITY ACTION work (支援機関). */
public enum SupportOrganizationKind {
    /** 業界団体 */
    INDUSTRY_ASSOCIATION,
    /** 商工会議所 */
    CHAMBER_OF_COMMERCE,
    /** 商工会 */
    SHOKOKAI,
    /** IT ベンダー (普及賛同企業) */
    IT_VENDOR,
    /** 金融機関 */
    FINANCIAL_INSTITUTION
}
