/**
 * Set-based checks the aggregates cannot make alone, kept in directory's database: which organisation holds each
 * corporate number ({@code corporate_number_claims}).
 */
package dev.hoshi.directory.organization.claims;
