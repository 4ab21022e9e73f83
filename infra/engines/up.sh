#!/usr/bin/env bash
# Start the engines (default: all, in order) and print the settings to use.
#   infra/engines/up.sh [kafka] [ferretdb]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
engines=("$@")
(( ${#engines[@]} )) || engines=(kafka ferretdb)

for e in "${engines[@]}"; do
  case "$e" in
    kafka|ferretdb) ;;
    *) echo "unknown engine '$e' (kafka, ferretdb)" >&2; exit 2 ;;
  esac
done

# Stop at the first failure: a half-started stack should fail loudly.
for e in "${engines[@]}"; do
  "$here/$e.sh" up
done

echo "# connection settings"
for e in "${engines[@]}"; do
  case "$e" in
    kafka) echo "KAFKA_BROKERS=127.0.0.1:${LT_KAFKA_PORT:-19092}" ;;
    ferretdb) echo "MONGODB_URI=mongodb://127.0.0.1:${LT_FERRETDB_PORT:-27018}/lienthong" ;;
  esac
done
