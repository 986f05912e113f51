#!/usr/bin/env bash
# Makes the two signing keys the compose file needs, once: the gateway's internal-token key and insights'
# attestation key (PKCS#8 PEM RSA 2048), under infra/compose/secrets/ (git ignores it). An existing key is kept:
# replacing the attestation key would leave earlier attestations unverifiable (docs/insights.md).
set -euo pipefail
cd "$(dirname "$0")"
umask 077
mkdir -p secrets
for name in gateway-signing-key attestation-signing-key; do
  if [[ -f "secrets/$name.pem" ]]; then
    echo "secrets/$name.pem exists; kept"
  else
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "secrets/$name.pem"
    # the containers run as uid 10001: the file must be readable to them through the bind mount
    chmod 644 "secrets/$name.pem"
    echo "secrets/$name.pem written"
  fi
done
