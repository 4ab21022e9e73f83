#!/usr/bin/env bash
# Stop the engines (default: all). Tries every one even if one fails.
#   infra/engines/down.sh [kafka] [ferretdb]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
engines=("$@")
(( ${#engines[@]} )) || engines=(ferretdb kafka)

rc=0
for e in "${engines[@]}"; do
  case "$e" in
    kafka|ferretdb) "$here/$e.sh" down || rc=1 ;;
    *) echo "unknown engine '$e' (kafka, ferretdb)" >&2; rc=2 ;;
  esac
done
exit "$rc"
