/**
 * The internal token (内部トークン): the short-lived JWT the gateway signs for every routed request, the only credential
 * the services accept, and the JWKS they verify it with. The contract is in {@code docs/gateway.md}.
 */
package dev.hoshi.gateway.token;
