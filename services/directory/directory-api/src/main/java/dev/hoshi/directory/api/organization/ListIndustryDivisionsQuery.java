package dev.hoshi.directory.api.organization;

/** The JSIC major divisions with the SME sectors each may fall into (for choosing an industry). */
public record ListIndustryDivisionsQuery() {}
