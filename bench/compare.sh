#!/usr/bin/env bash
# Runs bench/compare.mjs: clay-mcp-server through its launcher beside the reference MCP server, one interleaved run,
# both driven by the official TypeScript SDK client. Installs the reference server and the SDK into a temporary
# directory (needs Node.js 20+ and the npm registry). Builds the class cache first, as the first start would in the
# background. Usage: [JAVA_HOME=/path/to/jdk] bench/compare.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
# BENCH_COMMAND measures another way of starting the server (e.g. a script that runs java -jar an older build)
launcher=${BENCH_COMMAND:-$PWD/desktop/target/quarkus-app/bin/clay-mcp}
[ -x "$launcher" ] || { echo "build first: ./mvnw -ntp package -DskipTests" >&2; exit 1; }
hosted=$PWD/server/target/quarkus-app/bin/clay-mcp
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm init -y > /dev/null && npm install --silent --no-audit --no-fund \
  @modelcontextprotocol/server-everything@2026.8.31 @modelcontextprotocol/sdk@1.32.2 > /dev/null)
cp bench/compare.mjs "$tmp/"
[ -n "${BENCH_COMMAND:-}" ] || { "$launcher" --prepare; "$hosted" --prepare; }
export BENCH_HOSTED=${BENCH_HOSTED:-$hosted}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
export BENCH_JDK="$("$java" -version 2>&1 | head -1)"
echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(uname -sr), $BENCH_JDK" >&2
node "$tmp/compare.mjs" "$launcher" "$tmp/node_modules/@modelcontextprotocol/server-everything/dist/index.js" "${1:-5}"
