/**
 * The key attestations are signed with and the key set partners verify them with: loaded from configuration (a
 * PKCS#8 PEM RSA key, its RFC 7638 thumbprint as {@code kid}), with previous keys still published during a rotation,
 * and served to anyone at {@code /.well-known/attestation-keys.json}.
 */
package dev.hoshi.insights.attestation.signing;
