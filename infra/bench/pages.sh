#!/usr/bin/env bash
# Server time per web page (median, p95, max):  infra/bench/pages.sh [--rounds=50] [--warmup=10]
#   [--gateway=http://127.0.0.1:8080 (a seeded system already running, e.g. infra/start.sh, started with the gateway's
#   rate limits raised: HOSHI_GATEWAY_RATELIMIT_{PERMINUTE,BURST,ANONYMOUSPERMINUTE,ANONYMOUSBURST}, as the benchmark
#   does for the system it starts itself)]
# Without --gateway it builds the jars and starts the system with the demo data in a temporary directory, as the
# local runner does. See dev.hoshi.local.PageTimeBenchmark.
set -euo pipefail
cd "$(dirname "$0")/../.."
module=infra/local
./mvnw -q -B -pl "$module" -am install -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true
./mvnw -q -B -pl "$module" test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test -Dspotless.check.skip=true
exec java -Xmx512m -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")" \
  dev.hoshi.local.PageTimeBenchmark "$@"
