/**
 * Partner clients calling with an API key ({@code X-Api-Key: hoshi_pk_<keyId>_<secret>}): the gateway asks directory
 * which partner client the key belongs to (by key id and the SHA-256 of the secret), caches the answer briefly, and
 * forwards the same internal token as for people.
 */
package dev.hoshi.gateway.partner;
