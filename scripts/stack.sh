#!/usr/bin/env bash
# The compose stack (docker/compose.yaml: Kafka, processor, sink, one-shot ingest of the demo pages) in one command,
# from any directory, on a machine with or without an image registry:
#   scripts/stack.sh up [--scale sink=2] [...]   builds the jars if needed, the images, starts, waits until the sink is ready
#   scripts/stack.sh down                        stops and removes the stack and its volumes
#   scripts/stack.sh <any compose command>       e.g. ps, logs -f processor
# Images: PAPERS_KAFKA_IMAGE (default apache/kafka:4.3.1 when present locally, else papers-kafka:4.3.1 built here from
# the Kafka Maven artifacts) and PAPERS_BASE_IMAGE (default papers-jre:17-bookworm when present locally, as
# scripts/container-engine.sh builds it, else eclipse-temurin:17-jre-noble). Compose v2 if present, else docker-compose.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "stack: $*" >&2; }
present() { docker image inspect "$1" >/dev/null 2>&1; }

if docker compose version >/dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi
compose+=(-f docker/compose.yaml -p papers)
cmd="${1:-up}"
[[ $# -gt 0 ]] && shift

if [[ $cmd == down ]]; then exec "${compose[@]}" down -v --remove-orphans "$@"; fi
if [[ $cmd != up ]]; then exec "${compose[@]}" "$cmd" "$@"; fi

kafka_version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' pom.xml | head -n 1)
if [[ -z ${PAPERS_BASE_IMAGE:-} ]]; then
  if present papers-jre:17-bookworm; then PAPERS_BASE_IMAGE=papers-jre:17-bookworm; else PAPERS_BASE_IMAGE=eclipse-temurin:17-jre-noble; fi
fi
export PAPERS_BASE_IMAGE
# The images package docker/target/{lib,broker-lib}: staged by Maven, again whenever a source or pom is newer.
if [[ ! -d docker/target/lib || -n $(find . \( -name target -o -name .git \) -prune -o \( -name '*.java' -o -name pom.xml \
      -o -path '*/src/main/resources/*' \) -newer docker/target/lib -print -quit 2>/dev/null) ]]; then
  say "staging the jars (mvn -B -q -DskipTests package)..."
  mvn -B -q -DskipTests package -pl docker -am
  touch docker/target/lib
fi
if [[ -z ${PAPERS_KAFKA_IMAGE:-} ]]; then
  if present "apache/kafka:$kafka_version"; then
    PAPERS_KAFKA_IMAGE="apache/kafka:$kafka_version"
  else
    PAPERS_KAFKA_IMAGE="papers-kafka:$kafka_version"
    say "building $PAPERS_KAFKA_IMAGE from the Kafka Maven artifacts (base $PAPERS_BASE_IMAGE)"
    DOCKER_BUILDKIT=0 docker build -q -f docker/kafka.Dockerfile --build-arg "BASE_IMAGE=$PAPERS_BASE_IMAGE" \
      -t "$PAPERS_KAFKA_IMAGE" docker >/dev/null
  fi
fi
export PAPERS_KAFKA_IMAGE
say "broker $PAPERS_KAFKA_IMAGE, services FROM $PAPERS_BASE_IMAGE"
# The legacy builder: BuildKit asks a registry about a FROM image even when it is present locally.
DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0 "${compose[@]}" build -q
"${compose[@]}" up -d "$@"
started=$SECONDS
say "waiting for the sink (http://127.0.0.1:8080/health/ready)..."
until curl -fsS -o /dev/null http://127.0.0.1:8080/health/ready 2>/dev/null; do
  (( SECONDS - started < 240 )) || { say "the sink is not ready after 240 s: scripts/stack.sh logs"; exit 1; }
  sleep 1
done
say "ready in $((SECONDS - started)) s: http://127.0.0.1:8080 (scripts/stack.sh logs -f, scripts/stack.sh down)"
