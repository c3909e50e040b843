#!/usr/bin/env bash
# Resident memory of the server at rest in HTTP mode (sandbox, loopback), after start-up and after 200 calls.
# Usage: bench/http-memory.sh [port]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-18931}
. scripts/sandbox-http.sh
sleep 2
rss() { awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' "/proc/$pid/status"; }
echo "at rest after start: $(rss)"
init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}'
session=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
  -d "$init" "http://127.0.0.1:$port/mcp" | awk -F': ' 'tolower($1)=="mcp-session-id" {print $2}' | tr -d '\r')
for i in $(seq 200); do
  curl -s -o /dev/null -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H "Mcp-Session-Id: $session" \
    -d "{\"jsonrpc\":\"2.0\",\"id\":$((i + 1)),\"method\":\"tools/call\",\"params\":{\"name\":\"count_rows\",\"arguments\":{\"tableId\":\"t_$i\"}}}" \
    "http://127.0.0.1:$port/mcp"
done
sleep 2
echo "at rest after 200 calls: $(rss)"
