#!/usr/bin/env bash
# Read after write, one command:  infra/bench/read-after-write.sh [rounds] [--setting=value ...]
# 1. In compliance: runs the compliance service in-process on the test MongoDB (MONGODB_URI, else Docker, else the
#    embedded server in memory), submits self-assessment sheets one at a time and prints how long after each command
#    completed the compliance_dashboard document showed it (p50, p95, max).
# 2. Across services: runs the insights service in-process, appends compliance's status events to the shared store
#    as another process would (this JVM's event store is not told) and prints how long after each append insights'
#    insights_member_state showed it (p50, p95, max), with rounds 30 ms apart and 2 s apart (an idle store).
# Extra arguments are passed to both services, e.g. --hoshi.processing.event-notification=false to compare with
# polling, or --hoshi.processing.idle-fetch-delay=1s.
set -euo pipefail
cd "$(dirname "$0")/../.."
for module in services/compliance/compliance-service services/insights/insights-service; do
  ./mvnw -q -B -pl "$module" -am install -DskipTests -Dspotless.check.skip=true
  ./mvnw -q -B -pl "$module" dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
    -Dmdep.includeScope=test
done
compliance=services/compliance/compliance-service
java -Xmx1g -cp "$compliance/target/test-classes:$compliance/target/classes:$(cat "$compliance/target/bench-classpath.txt")" \
  dev.hoshi.compliance.bench.ReadAfterWriteBenchmark "$@"
insights=services/insights/insights-service
exec java -Xmx1g -cp "$insights/target/test-classes:$insights/target/classes:$(cat "$insights/target/bench-classpath.txt")" \
  dev.hoshi.insights.bench.CrossServiceLagBenchmark "$@"
