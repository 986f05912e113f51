/**
 * Compliance service: SECURITY ACTION progression, self-assessments, policy, controls and reviews, and the tenant
 * dashboards. Feature packages, each with its command, query and graphql sides.
 */
package dev.hoshi.compliance;
