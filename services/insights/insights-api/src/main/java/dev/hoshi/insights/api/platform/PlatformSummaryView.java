package dev.hoshi.insights.api.platform;

/** Counts across the platform; no tenant data. */
public record PlatformSummaryView(long organizationCount, long supportOrganizationCount, long partnerClientCount) {}
