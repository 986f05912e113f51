/**
 * Compliance's messages: what each SME does on its way to SECURITY ACTION ★ (一つ星) and ★★ (二つ星) and beyond:
 * the 5 articles, the 25-item self-assessment, the basic security policy, controls and periodic reviews.
 */
package dev.hoshi.compliance.api;
