#!/usr/bin/env bash
# Closed-loop cross-check of `papers-bench bench-query` with wrk (Debian package, installed here when missing).
# Debian's wrk has no -R (constant rate, that is wrk2), so this is closed-loop: -c connections each send the next
# request when the previous answer is in; its latencies are queueing-bound like bench-query's default mode, not
# comparable with the open-loop --rate figures (BENCHMARKS.md).
# Usage: [FIELDS=id,title,...] scripts/wrk.sh [URL] [point|search|tag] [wrk options...]
#        (default: http://127.0.0.1:8080 point -c50 -t2 -d10s; FIELDS: the fields= of search and tag pages)
# Paths are drawn at random from ids, title words and tags read from the sink first, as bench-query does.
set -euo pipefail
url="${1:-http://127.0.0.1:8080}"; kind="${2:-point}"; shift $(( $# < 2 ? $# : 2 ))
[ $# -eq 0 ] && set -- -c50 -t2 -d10s

if ! command -v wrk >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo -n"
  echo "wrk.sh: installing wrk (apt-get) ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q --no-install-recommends wrk >/tmp/papers-wrk-install.log 2>&1 \
    || { $sudo apt-get update -q >>/tmp/papers-wrk-install.log 2>&1 \
         && $sudo apt-get install -y -q --no-install-recommends wrk >>/tmp/papers-wrk-install.log 2>&1; } \
    || { echo "wrk.sh: could not install wrk (see /tmp/papers-wrk-install.log)" >&2; exit 2; }
fi

work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
get() { curl -fsS --max-time 60 "$url$1" || { echo "wrk.sh: GET $url$1 failed: is a loaded sink running there?" >&2; exit 2; }; }
field() { grep -o "\"$1\":\"[^\"]*\"" | cut -d'"' -f4; }
urlenc() { jq -sRr @uri; }
fields=""; [ -n "${FIELDS:-}" ] && fields="&fields=$(printf %s "$FIELDS" | urlenc)"
tags="$(get /tags | field tag)"
[ -n "$tags" ] || { echo "wrk.sh: the sink at $url has no tags: is it loaded?" >&2; exit 2; }
case "$kind" in
  point)  get "/papers?limit=500&sort=title&fields=id" | field id | while read -r id; do echo "/papers/$(printf %s "$id" | urlenc)"; done ;;
  search) get "/papers?limit=500&sort=title&fields=title" | field title | tr 'A-Z' 'a-z' | tr -cs 'a-z' '\n' \
            | awk 'length($0) >= 6' | sort -u | awk 'NR <= 400' | while read -r w; do echo "/papers?q=$w&limit=20$fields"; done ;;
  tag)    echo "$tags" | while read -r t; do echo "/papers?tag=$(printf %s "$t" | urlenc)&limit=20$fields"; done ;;
  *) echo "wrk.sh: unknown kind '$kind' (point, search, tag)" >&2; exit 2 ;;
esac > "$work/paths"
[ -s "$work/paths" ] || { echo "wrk.sh: no $kind paths found on $url" >&2; exit 2; }

cat > "$work/paths.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
math.randomseed(1)
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
LUA
echo "wrk.sh: $kind${fields:+ ($fields)}, $(wc -l < "$work/paths") distinct paths, wrk $* --latency (closed-loop) against $url; load: $(uptime)"
WRK_PATHS="$work/paths" wrk "$@" --latency -s "$work/paths.lua" "$url"
