#!/usr/bin/env bash
# Event-store benchmark, one command:  infra/bench/run.sh [--backend h2|h2-background|h2-stock|memory] [--sizes 10000,100000,1000000]
# Builds what it needs, then runs raw driver / Hoshi engine / Axon Mongo extension on one embedded server.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -pl infra/bench -am package -DskipTests -Dspotless.check.skip=true
exec java -Xmx6g -cp "infra/bench/target/hoshi-bench.jar:infra/bench/target/lib/*" \
  dev.hoshi.bench.EventStoreBenchmark "$@"
