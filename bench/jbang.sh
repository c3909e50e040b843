#!/usr/bin/env bash
# Time from `jbang clay-mcp@…` to the first tools/list answer, as a desktop client sees it: JBang resolves the alias
# and the released jar (offline, from a repository holding just that jar), the server starts and answers initialize
# and tools/list. "first" runs have no start-up cache (a new install), "later" runs reuse the early answers the first
# one saved. JBang itself comes from Maven Central (dist/src/test/jbang/pom.xml), run as its launcher script runs it.
# Usage: ./mvnw -Prelease package -DskipTests && [JAVA_HOME=/path/to/jdk] bench/jbang.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
quarkus=$(sed -n 's:.*<quarkus.version>\(.*\)</quarkus.version>.*:\1:p' pom.xml | head -1)
jar=desktop/target/clay-mcp-server-$version-runner.jar
[ -f "$jar" ] || { echo "build the release first: ./mvnw -Prelease package -DskipTests" >&2; exit 1; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
m2=${MAVEN_REPO:-$HOME/.m2/repository}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
./mvnw -B -ntp -q -f dist/src/test/jbang/pom.xml dependency:build-classpath -Dmdep.outputFile="$tmp/cp"
repo=$tmp/repo/dev/claymcp/clay-mcp-server/$version
mkdir -p "$repo" "$tmp/repo/io/quarkus/quarkus-bom/$quarkus" "$tmp/work"
cp "$jar" "$repo/clay-mcp-server-$version-runner.jar"
cp desktop/pom.xml "$repo/clay-mcp-server-$version.pom"
mkdir -p "$tmp/repo/dev/claymcp/clay-mcp-server-parent/$version"
cp pom.xml "$tmp/repo/dev/claymcp/clay-mcp-server-parent/$version/clay-mcp-server-parent-$version.pom"
cp "$m2/io/quarkus/quarkus-bom/$quarkus/quarkus-bom-$quarkus.pom" "$tmp/repo/io/quarkus/quarkus-bom/$quarkus/"
catalog=$PWD/jbang-catalog.json

init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}'
list='{"jsonrpc":"2.0","id":2,"method":"tools/list"}'

once() { # $1: cache directory; prints milliseconds
  local start end cmd line
  start=$(date +%s%N)
  cmd=$(cd "$tmp/work" && JBANG_REPO=$tmp/repo JBANG_DIR=$tmp/jbang "$java" -cp "$(cat "$tmp/cp")" dev.jbang.Main \
    --offline run "clay-mcp@$catalog" 2>/dev/null) || [ $? -eq 255 ]
  coproc SERVER { cd "$tmp/work" && CLAY_SANDBOX=true CLAY_MCP_CACHE_DIR=$1 exec sh -c "exec $cmd" 2>/dev/null; }
  printf '%s\n%s\n%s\n' "$init" '{"jsonrpc":"2.0","method":"notifications/initialized"}' "$list" >&"${SERVER[1]}"
  while IFS= read -r line <&"${SERVER[0]}"; do
    case $line in *'"id":2,'*) break ;; esac
  done
  end=$(date +%s%N)
  kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true
  echo $(( (end - start) / 1000000 ))
}

echo "$(date -u +%Y-%m-%d), $(nproc) cores, $("$java" -version 2>&1 | head -1), jar $(du -m "$jar" | cut -f1) MB" >&2
once "$tmp/warm-up" > /dev/null # JBang's own first run (its home, its caches)
first=() later=()
for i in $(seq "$rounds"); do
  first+=("$(once "$tmp/cache-$i")")
  later+=("$(once "$tmp/cache-$i")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "jbang → first tools/list answer, first run of a new install: median $(median "${first[@]}") ms (${first[*]})"
echo "jbang → first tools/list answer, later runs:                  median $(median "${later[@]}") ms (${later[*]})"
