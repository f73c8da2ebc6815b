#!/usr/bin/env bash
# Shared by the launchers (./papers, ./papers-bench): builds a module's jar with Maven when it is missing or older
# than any source, resource or pom it is built from (a `git pull` must not leave a launcher running old code),
# then runs MAIN on the jar + its runtime class path (no fat jar).
# Usage: scripts/launch.sh JAR MAIN "MODULE..." -- ARGS...   (the last MODULE is the one built with -am)
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$home/$1"; main="$2"; read -r -a modules <<<"$3"; shift 3
[[ "${1:-}" == -- ]] && shift
cp_file="$(dirname "$jar")/classpath.txt"
target="${modules[${#modules[@]}-1]}"

stale() {
  [[ -f "$jar" && -f "$cp_file" ]] || return 0
  [[ "${PAPERS_REBUILD:-}" == 1 ]] && return 0
  local paths=("$home/pom.xml" "$home/demo-data")
  for m in "${modules[@]}"; do paths+=("$home/$m/pom.xml" "$home/$m/src/main"); done
  [[ -n "$(find "${paths[@]}" -newer "$jar" -print -quit 2>/dev/null)" ]]
}

if stale; then
  if [[ -f "$jar" ]]; then echo "${0##*/}: sources changed since $1 was built: rebuilding (Maven)..." >&2
  else echo "${0##*/}: building $1 (first run; needs Maven + Java 17)..." >&2; fi
  (cd "$home" && mvn -B -q -DskipTests -pl "$target" -am install) >&2
  touch "$jar" # Maven keeps an unchanged jar's old time: mark it as built from what is here now.
fi
# Fewer glibc malloc arenas for RocksDB's native allocations: lower RSS at the same speed (BENCHMARKS.md).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec java ${PAPERS_JAVA_OPTS:-} -Dpapers.home="$home" -cp "$jar:$(cat "$cp_file")" "$main" "$@"
