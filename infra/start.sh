#!/usr/bin/env bash
# Starts Hoshi on this machine with demo data: builds what is needed, then runs the embedded
# store, the three services and the gateway, and prints the URLs. Ctrl-C stops everything.
# Environment: MONGODB_URI (a real MongoDB instead of the embedded store; demo mode on it needs
# HOSHI_ALLOW_DEMO_ON_EXTERNAL_MONGODB=true), HOSHI_DATA_DIR (./data),
# HOSHI_{STORE,GATEWAY,DIRECTORY,COMPLIANCE,INSIGHTS}_PORT (27017, 8080, 8081, 8082, 8083),
# HOSHI_SMTP_PORT and HOSHI_MAILS_PORT (2525, 8025: the demo's mail catcher and its page).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Building Hoshi (the first build downloads dependencies and takes a few minutes)…"
./mvnw -q -B package -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true -pl infra/local -am
exec java @infra/local/launcher.jvmoptions -jar infra/local/target/hoshi-local.jar
