#!/bin/sh
# Runs its arguments (java ... papers sink ...) with --advertised-host set to this container's hostname, unless the
# arguments give one: the address the other sinks use for this one must be this container's own, not the service's.
for a in "$@"; do
  case "$a" in --advertised-host|--advertised-host=*) exec "$@" ;; esac
done
exec "$@" --advertised-host "$(cat /etc/hostname)"
