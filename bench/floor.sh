#!/usr/bin/env bash
# The floor: how fast a bare Quarkus command-mode app (bench/floor) starts and answers, with the same JDK, the same
# JVM settings and the same kind of class cache as bin/clay-mcp, measured by bench/compare.sh beside the reference.
# Usage: [JAVA_HOME=/path/to/jdk] bench/floor.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -ntp -f bench/floor/pom.xml package
app=$PWD/bench/floor/target/quarkus-app
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
flags=$(sed -n 's/^flags="\(-XX:+UseSerialGC[^"]*\)"/\1/p' launcher/clay-mcp)
flags="$flags -Xlog:disable -Xlog:all=warning:stderr"
archive=$app/floor-$("$java" -version 2>&1 | head -1 | cksum | cut -d' ' -f1).jsa
if [ ! -f "$archive" ]; then
  printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}' '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' \
    | "$java" $flags "-XX:ArchiveClassesAtExit=$archive" -jar "$app/quarkus-run.jar" > /dev/null 2>&1
fi
runner=$(mktemp)
trap 'rm -f "$runner"' EXIT
printf '#!/bin/sh\nexec %s %s -XX:SharedArchiveFile=%s -jar %s/quarkus-run.jar "$@"\n' "$java" "$flags" "$archive" "$app" > "$runner"
chmod +x "$runner"
BENCH_COMMAND=$runner BENCH_SKIP_HTTP=1 bench/compare.sh "${1:-5}"
