/**
 * Deny by default: every request but health, info, metrics and the exact paths a service declares public
 * ({@code hoshi.security.public-paths}, {@code GET} only) needs the gateway's internal token (docs/gateway.md),
 * verified against the gateway's key set. The token's claims become the request's {@code RequestContext} and the
 * caller's roles.
 */
package dev.hoshi.platform.security;
