#!/usr/bin/env bash
# Insights rollup benchmark, one command:  infra/bench/rollups.sh [members | queries]
# Seeds 100 and 10,000 members through the rollup projection in batches of 100, as the pooled processors hand events
# over (on the test MongoDB: MONGODB_URI, else Docker, else the embedded server in memory), and prints the seeding rate,
# the median rollup query time, unfiltered and filtered, and the median time of member list pages. Then catches up on
# a year of history of 10,000 members (about 20 events each) and rebuilds it, printing events/s of each and of one
# event at a time. With [members] given, only the catch-up and rebuild run, for that many members; with "queries",
# only the seeding and queries.
set -euo pipefail
cd "$(dirname "$0")/../.."
module=services/insights/insights-service
./mvnw -q -B -pl "$module" -am install -DskipTests -Dspotless.check.skip=true
./mvnw -q -B -pl "$module" dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test
exec java -Xmx2g -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")" \
  dev.hoshi.insights.rollup.query.RollupBenchmark "$@"
