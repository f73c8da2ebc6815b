#!/usr/bin/env bash
# Provisions what the container tests and the compose stack need on this machine: a reachable Docker engine, a
# compose binary, and the base image the Dockerfiles build FROM when no registry can serve one.
#   - engine reachable already: only checks compose and the base image (about a second the second time);
#   - otherwise, as root on Debian: apt-get installs docker.io (+ docker-compose, debootstrap), starts dockerd;
#   - base image missing: builds it from Debian packages (debootstrap, bookworm + openjdk-17-jre-headless + curl)
#     and `docker import`s it as $PAPERS_BASE_IMAGE (no registry is ever asked).
# When any of this cannot be done (not root, no apt, dockerd does not start) it says why, records the reason in
# $PAPERS_ENGINE_STATUS for the tests to report, and exits 0: the build still runs, the container tests skip.
# Usage: scripts/container-engine.sh        (idempotent; safe to run before every build)
set -uo pipefail

BASE_IMAGE="${PAPERS_BASE_IMAGE:-papers-jre:17-bookworm}"
STATUS="${PAPERS_ENGINE_STATUS:-${TMPDIR:-/tmp}/papers-container-engine.status}"
DOCKERD_LOG="${PAPERS_DOCKERD_LOG:-/var/log/papers-dockerd.log}"
started=$SECONDS

say() { echo "container-engine: $*" >&2; }
status() { printf '%s\n' "$*" >"$STATUS" 2>/dev/null || true; }
give_up() {
  say "$* -- the container tests will be skipped"
  status "unavailable: $*"
  exit 0
}
engine_up() { timeout 15 docker info >/dev/null 2>&1; }
# While this runs (e.g. in the background of a build), the container tests wait for its outcome.
status "provisioning (pid $$)"
have() { command -v "$1" >/dev/null 2>&1; }
compose_ok() { timeout 20 docker compose version >/dev/null 2>&1 || timeout 20 docker-compose version >/dev/null 2>&1; }

apt_updated=0
apt_install() {
  [[ $(id -u) == 0 ]] || give_up "cannot install $* (not root)"
  have apt-get || give_up "cannot install $* (no apt-get: not Debian)"
  if [[ $apt_updated == 0 ]]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null 2>&1 || give_up "apt-get update failed"
    apt_updated=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 \
    || give_up "apt-get install $* failed"
}

# --- the base image's root file system, started early -------------------------------------------------------------
# debootstrap downloads and unpacks ~150 packages: on a fresh machine it runs while apt installs the engine.
root=""
rootfs_pid=""
mirror() {
  # The Debian mirror apt already uses here (deb822 or one-line sources), else the default one.
  local m
  m=$(grep -hoE '^(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | head -n 1 | awk '{print $2}')
  echo "${m:-http://deb.debian.org/debian}"
}
start_rootfs() {
  [[ -n $root ]] && return 0
  [[ $(id -u) == 0 ]] || give_up "base image $BASE_IMAGE is missing and building it needs root (debootstrap)"
  have debootstrap || apt_install debootstrap
  root=$(mktemp -d /var/tmp/papers-rootfs.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  local m; m=$(mirror)
  say "building $BASE_IMAGE: debootstrap bookworm + openjdk-17-jre-headless from $m (log: /var/tmp/papers-debootstrap.log)"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,curl,ca-certificates bookworm "$root" "$m" \
    >/var/tmp/papers-debootstrap.log 2>&1 &
  rootfs_pid=$!
}
finish_rootfs() {
  wait "$rootfs_pid" || give_up "debootstrap failed: $(tail -n 2 /var/tmp/papers-debootstrap.log | tr '\n' ' ')"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | docker import \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["bash"]' - "$BASE_IMAGE" >/dev/null \
    || give_up "docker import of $BASE_IMAGE failed"
  rm -rf "$root"
  trap - EXIT
}

# --- the engine -----------------------------------------------------------------------------------------------
if ! engine_up; then
  if ! have dockerd; then
    # A machine without an engine has no base image either: start on it now.
    [[ $(id -u) == 0 ]] && have apt-get && start_rootfs
    apt_install docker.io
  fi
  have docker || give_up "docker.io installed no docker CLI"
  if ! engine_up; then
    [[ $(id -u) == 0 ]] || give_up "no Docker engine reachable and not root (cannot start dockerd)"
    say "starting dockerd (log: $DOCKERD_LOG)"
    # setsid: the daemon outlives this script and is not in the caller's process group (CI kills that).
    setsid dockerd >"$DOCKERD_LOG" 2>&1 </dev/null &
    for _ in $(seq 1 60); do engine_up && break; sleep 0.5; done
    engine_up || give_up "dockerd did not answer within 30 s: $(tail -n 3 "$DOCKERD_LOG" 2>/dev/null | tr '\n' ' ')"
  fi
fi

# --- compose (v2 plugin if present, else Debian's docker-compose 1.29) -----------------------------------------
if ! compose_ok; then
  apt_install docker-compose
  compose_ok || give_up "no working compose after installing docker-compose"
fi

# --- the base image (a JRE 17 on Debian bookworm) ----------------------------------------------------------------
if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  start_rootfs
  finish_rootfs
elif [[ -n $rootfs_pid ]]; then
  kill "$rootfs_pid" 2>/dev/null; wait "$rootfs_pid" 2>/dev/null; rm -rf "$root"; trap - EXIT
fi
docker run --rm --network none "$BASE_IMAGE" java -version >/dev/null 2>&1 \
  || give_up "the base image $BASE_IMAGE does not run java"

say "ready in $((SECONDS - started)) s: $(docker version --format 'engine {{.Server.Version}}' 2>/dev/null), base image $BASE_IMAGE"
status "ready: base image $BASE_IMAGE"
