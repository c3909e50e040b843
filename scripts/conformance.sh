#!/usr/bin/env bash
# Runs the official MCP conformance suite's generic server scenarios against the packaged server in HTTP mode
# (sandbox, loopback, no token). Needs Node.js and the npm registry. Usage: scripts/conformance.sh [port]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-18080}
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
CLAY_MCP_TRANSPORT=http CLAY_SANDBOX=true QUARKUS_HTTP_PORT=$port java -jar "$jar" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/q/health/live" >/dev/null && break; sleep 0.1; done
# 0.1.12 is the newest release that runs on Node.js 20
for scenario in server-initialize ping tools-list dns-rebinding-protection; do
  npx -y @modelcontextprotocol/conformance@0.1.12 server --url "http://localhost:$port/mcp" --scenario "$scenario" 2>/dev/null \
    | grep -E 'SUCCESS|FAILURE|WARNING|Passed'
done
