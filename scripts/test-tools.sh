#!/usr/bin/env bash
# Installs the programs some tests drive (Debian packages): chromium + chromium-driver for the
# browser test, kcat for the raw-topic contract test. Never fails: a test whose tool is still
# missing skips itself with a message saying so.
set -u
need=()
command -v chromium     >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v kcat         >/dev/null 2>&1 || need+=(kcat)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && { command -v sudo >/dev/null 2>&1 && sudo="sudo -n" || { echo "test-tools: not root and no sudo; missing: ${need[*]} (their tests will be skipped)"; exit 0; }; }
command -v apt-get >/dev/null 2>&1 || { echo "test-tools: no apt-get; missing: ${need[*]} (their tests will be skipped)"; exit 0; }
echo "test-tools: installing ${need[*]} ..."
export DEBIAN_FRONTEND=noninteractive
# another apt beside this one (scripts/container-engine.sh) holds the dpkg lock for a minute or two: wait for it
apt=(apt-get -o DPkg::Lock::Timeout=300)
if $sudo "${apt[@]}" install -y -q --no-install-recommends "${need[@]}" >/tmp/papers-test-tools.log 2>&1 \
   || { $sudo "${apt[@]}" update -q >>/tmp/papers-test-tools.log 2>&1 && \
        $sudo "${apt[@]}" install -y -q --no-install-recommends "${need[@]}" >>/tmp/papers-test-tools.log 2>&1; }; then
  echo "test-tools: installed ${need[*]}"
else
  echo "test-tools: could not install ${need[*]} (see /tmp/papers-test-tools.log); their tests will be skipped"
fi
exit 0
