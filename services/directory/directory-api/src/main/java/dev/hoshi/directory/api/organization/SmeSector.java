package dev.hoshi.directory.api.organization;

/**
 * The four industry groups of 中小企業基本法 第2条, each with its own SME thresholds. The thresholds and which JSIC
 * divisions fall into which group are data kept by the directory service.
 */
public enum SmeSector {
    /** 製造業その他: manufacturing, construction, transport and every industry not listed below. */
    MANUFACTURING_AND_OTHERS,
    /** 卸売業 */
    WHOLESALE,
    /** 小売業 (including restaurants, 飲食店) */
    RETAIL,
    /** サービス業 */
    SERVICES
}
