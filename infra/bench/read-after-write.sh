#!/usr/bin/env bash
# Read after write in compliance, one command:  infra/bench/read-after-write.sh [rounds] [--setting=value ...]
# Runs the compliance service in-process on the test MongoDB (MONGODB_URI, else Docker, else the embedded server
# in memory), submits self-assessment sheets one at a time and prints how long after each command completed the
# compliance_dashboard document showed it (p50, p95, max). Extra arguments are passed to the service, e.g.
# --hoshi.processing.event-notification=false to compare with polling.
set -euo pipefail
cd "$(dirname "$0")/../.."
module=services/compliance/compliance-service
./mvnw -q -B -pl "$module" -am install -DskipTests -Dspotless.check.skip=true
./mvnw -q -B -pl "$module" dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test
exec java -Xmx1g -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")" \
  dev.hoshi.compliance.bench.ReadAfterWriteBenchmark "$@"
