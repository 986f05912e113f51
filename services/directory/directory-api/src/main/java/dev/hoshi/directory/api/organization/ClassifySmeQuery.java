package dev.hoshi.directory.api.organization;

/**
 * The SME class an organisation with these facts would have under the definitions in force; empty when the
 * division spans sectors and {@code sector} does not say which.
 */
public record ClassifySmeQuery(JsicDivision industry, SmeSector sector, int employees, Long capitalYen) {}
