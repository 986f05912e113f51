#!/usr/bin/env bash
# Compliance command benchmark, one command:  infra/bench/commands.sh
# Runs the compliance service in-process on the test MongoDB (MONGODB_URI, else Docker, else the
# embedded server in memory) and prints median command latency on organisations with about 10, 100 and 1,000
# events (aggregate cached, and evicted before every command), the dashboard read, and an asOf read that folds the
# history; then the 1,000 / 10 ratios. Plain JVM flags, as production runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
module=services/compliance/compliance-service
./mvnw -q -B -pl "$module" -am install -DskipTests -Dspotless.check.skip=true
./mvnw -q -B -pl "$module" dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test
exec java -Xmx2g -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")" \
  dev.hoshi.compliance.bench.CommandBenchmark
