package dev.hoshi.compliance.record;

/**
 * The export as the API answers it.
 *
 * @param fileName e.g. {@code hoshi-record-sato-seisakusho-2026-12-02.zip}
 * @param contentType {@code application/zip}
 * @param base64 the ZIP's bytes
 * @param events how many events it holds
 * @param sha256 the ZIP's SHA-256, hex
 */
record OrganizationRecord(String fileName, String contentType, String base64, int events, String sha256) {}
