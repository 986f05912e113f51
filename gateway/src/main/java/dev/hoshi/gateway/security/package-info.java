/**
 * Who may call (認証): every routed request needs a bearer token from a {@link dev.hoshi.gateway.security.TrustedIssuer}
 * (the configured OIDC provider, the demo issuer in demo mode) or a credential a
 * {@link dev.hoshi.gateway.security.CredentialResolver} accepts; the result is a
 * {@link dev.hoshi.gateway.security.Caller}. Deny by default: anything not explicitly public needs a caller.
 */
package dev.hoshi.gateway.security;
