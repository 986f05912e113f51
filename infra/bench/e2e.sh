#!/usr/bin/env bash
# The whole system under load, one command:  infra/bench/e2e.sh [--tenants=1000] [--clients=4] [--seconds=60]
#   [--baseline-seconds=10] [--seed-clients=8] [--lag-probes=40] [--data=DIR (kept; a second run skips seeding)]
# --rebuilds=false skips timing each projection's rebuild at the end. --warmup-seconds=30: each warm-up round's mix, not
#   measured; rounds go on until the JVMs' JIT compilers take <= 5% of the CPU, or --warmup-max-seconds=600 (the same
#   warm-up whether the stack just seeded or started on kept data).
# --tracing-rounds=N: after seeding, tracing's cost instead (each round restarts the stack with sampling 0 and 1.0 and
#   times dashboard reads and mutations alone for --seconds each after --baseline-seconds of warm-up; docs/performance.md).
# Builds the jars, starts them as the local runner does (embedded store, or MONGODB_URI) in a fresh temporary data
# directory, seeds the tenants with a year of history through the gateway's GraphQL, then prints per operation the
# throughput, p50/p95/p99 and the ratios to the baselines (gateway health, raw insertOne), read-after-write lags and
# RSS per service, and after each measured phase the CPU each JVM used (Linux). Any error fails the run. 10,000
# tenants: --tenants=10000 (seeding takes a while).
set -euo pipefail
cd "$(dirname "$0")/../.."
module=infra/local
./mvnw -q -B -pl "$module" -am install -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true
./mvnw -q -B -pl "$module" test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=test -Dspotless.check.skip=true
exec java @"$module/launcher.jvmoptions" -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")" \
  dev.hoshi.local.EndToEndBenchmark "$@"
