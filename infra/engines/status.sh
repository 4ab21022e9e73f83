#!/usr/bin/env bash
# One line per engine; exit 0 only when every requested engine is ready.
#   infra/engines/status.sh [kafka] [ferretdb]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
engines=("$@")
(( ${#engines[@]} )) || engines=(kafka ferretdb)

rc=0
for e in "${engines[@]}"; do
  case "$e" in
    kafka|ferretdb) "$here/$e.sh" status || rc=1 ;;
    *) echo "unknown engine '$e' (kafka, ferretdb)" >&2; rc=2 ;;
  esac
done
exit "$rc"
