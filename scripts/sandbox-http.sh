# Sourced by scripts and benchmarks: starts the packaged server in HTTP sandbox mode on $port, waits until it is
# live, and stops it when the calling script exits. Sets $pid.
jar=server/target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }
CLAY_MCP_TRANSPORT=http CLAY_SANDBOX=true QUARKUS_HTTP_PORT=$port java -jar "$jar" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/q/health/live" >/dev/null && break; sleep 0.1; done
