#!/usr/bin/env bash
# Runs the official MCP conformance suite's generic server scenarios against the packaged server in HTTP mode
# (sandbox, loopback, no token). Needs Node.js and the npm registry. Usage: scripts/conformance.sh [port]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-18080}
. scripts/sandbox-http.sh
# 0.1.12 is the newest release that runs on Node.js 20
for scenario in server-initialize ping tools-list dns-rebinding-protection; do
  npx -y @modelcontextprotocol/conformance@0.1.12 server --url "http://localhost:$port/mcp" --scenario "$scenario" 2>/dev/null \
    | grep -E 'SUCCESS|FAILURE|WARNING|Passed'
done
