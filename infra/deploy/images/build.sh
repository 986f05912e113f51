#!/usr/bin/env bash
# Builds (and with --push, pushes) the image of every Hoshi runnable from the jars ./mvnw package made.
#   infra/deploy/images/build.sh [--push]
# Environment: HOSHI_REGISTRY (prefix, e.g. registry.example.com/hoshi; empty for local images),
# HOSHI_TAG (default: the Maven project version), HOSHI_JAVA_IMAGE (default: the Dockerfile's).
# The table below is the one place that names each image, its jar and its ports; ImageRecipeTest checks it
# against the chart (helm/hoshi) and the compose file.
set -euo pipefail
cd "$(dirname "$0")/../../.."

#      image             jar                                                                 ports
RUNNABLES=(
  "hoshi-gateway     gateway/target/hoshi-gateway.jar                                    8080"
  "hoshi-directory   services/directory/directory-service/target/directory-service.jar   8081,9090"
  "hoshi-compliance  services/compliance/compliance-service/target/compliance-service.jar 8082,9090"
  "hoshi-insights    services/insights/insights-service/target/insights-service.jar      8083,9090"
)

push=false
[[ "${1:-}" == "--push" ]] && push=true
tag="${HOSHI_TAG:-$(./mvnw -q -B help:evaluate -Dexpression=project.version -DforceStdout)}"
prefix="${HOSHI_REGISTRY:+${HOSHI_REGISTRY%/}/}"

for row in "${RUNNABLES[@]}"; do
  read -r image jar ports <<<"$row"
  [[ -f "$jar" ]] || { echo "$jar is missing: run ./mvnw -B package -DskipTests first" >&2; exit 1; }
  args=(--build-arg "JAR=$jar" --build-arg "PORTS=${ports//,/ }")
  [[ -n "${HOSHI_JAVA_IMAGE:-}" ]] && args+=(--build-arg "JAVA_IMAGE=$HOSHI_JAVA_IMAGE")
  docker build -f infra/deploy/images/Dockerfile "${args[@]}" -t "$prefix$image:$tag" .
  if $push; then
    docker push "$prefix$image:$tag"
  fi
done
