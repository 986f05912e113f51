/** Who may act on an organisation's compliance record. */
package dev.hoshi.compliance.access;
