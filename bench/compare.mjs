// Side by side, interleaved in one run: clay-mcp-server (through its launcher, as a desktop client starts it) and the
// official reference server @modelcontextprotocol/server-everything (Node), both driven by the official TypeScript SDK
// client over stdio. Measures:
//   start   spawn -> first tools/list answered (median of ROUNDS cold starts)
//   call    tools/call round trip, median (and p90) of 200 sequential calls: ours count_rows (sandbox), theirs echo
//   rss     peak resident memory (VmHWM) after those calls
//   warm    tools/call p50 of the next 300 calls (once the JVM has compiled the call's path)
// and, for ours only, HTTP mode: peak RSS after 200 calls, and throughput of 50 sessions x 20 calls.
// Usage (from bench/compare.sh): node compare.mjs <launcher> <reference index.js> [rounds]
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [launcher, reference, roundsArg] = process.argv.slice(2);
const ROUNDS = Number(roundsArg || 5);
const CALLS = 200;
const WARM_CALLS = 300;

const servers = {
  reference: { command: process.execPath, args: [reference, "stdio"], env: {},
    call: { name: "echo", arguments: { message: "hello" } } },
  ours: { command: launcher, args: [], env: { CLAY_SANDBOX: "true" },
    call: { name: "count_rows", arguments: { tableId: "t_bench" } } },
};

const peakRss = (pid) => {
  const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : NaN;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

async function connect(server) {
  const transport = new StdioClientTransport({ command: server.command, args: server.args,
    env: { ...process.env, ...server.env }, stderr: "ignore" });
  const client = new Client({ name: "bench", version: "1" });
  const start = performance.now();
  await client.connect(transport);
  const tools = await client.listTools();
  const ms = performance.now() - start;
  if (!tools.tools.length) throw new Error("no tools");
  return { client, transport, ms };
}

async function coldStart(server) {
  const { client, ms } = await connect(server);
  await client.close();
  return ms;
}

async function calls(server) {
  const { client, transport } = await connect(server);
  const times = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    const r = await client.callTool(server.call);
    times.push(performance.now() - t);
    if (r.isError) throw new Error(JSON.stringify(r));
  }
  const rss = peakRss(transport.pid);
  const warm = [];
  for (let i = 0; i < WARM_CALLS; i++) {
    const t = performance.now();
    await client.callTool(server.call);
    warm.push(performance.now() - t);
  }
  await client.close();
  return { p50: median(times), p90: p90(times), rss, warmP50: median(warm) };
}

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
});

async function http() {
  const port = await freePort();
  // the hosted build serves HTTP (the desktop build serves stdio only)
  const child = spawn(process.env.BENCH_HOSTED || launcher, [], { env: { ...process.env, CLAY_SANDBOX: "true", CLAY_MCP_TRANSPORT: "http",
    QUARKUS_HTTP_PORT: String(port) }, stdio: ["ignore", "ignore", "ignore"] });
  const url = new URL(`http://127.0.0.1:${port}/mcp`);
  for (let i = 0; i < 600; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/q/health/live`)).ok) break; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  const session = async () => {
    const client = new Client({ name: "bench", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(url));
    return client;
  };
  const one = await session();
  for (let i = 0; i < CALLS; i++) {
    await one.callTool({ name: "count_rows", arguments: { tableId: `t_${i}` } });
  }
  await one.close();
  const rss = peakRss(child.pid);
  const start = performance.now();
  let answered = 0;
  await Promise.all(Array.from({ length: 50 }, async (_, s) => {
    const client = await session();
    for (let c = 0; c < 20; c++) {
      const r = await client.callTool({ name: "count_rows", arguments: { tableId: `t_${s}_${c}` } });
      if (!r.isError) answered++;
    }
    await client.close();
  }));
  const seconds = (performance.now() - start) / 1000;
  child.kill("SIGTERM");
  return { rss, answered, perSecond: answered / seconds };
}

const starts = { reference: [], ours: [] };
await coldStart(servers.reference); // warm the OS file cache for both
await coldStart(servers.ours);
for (let round = 0; round < ROUNDS; round++) {
  for (const name of ["reference", "ours"]) {
    starts[name].push(await coldStart(servers[name]));
  }
}
const perCall = {};
for (const name of ["reference", "ours"]) {
  perCall[name] = await calls(servers[name]);
}
const h = process.env.BENCH_SKIP_HTTP ? { rss: NaN, answered: 0, perSecond: NaN } : await http();

const f = (x, d = 0) => x.toFixed(d);
const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
const ref = { start: median(starts.reference), ...perCall.reference };
const ours = { start: median(starts.ours), ...perCall.ours };
console.log(`| | cold start to tools/list (median of ${ROUNDS}) | tools/call p50 (p90) over ${CALLS} calls | peak RSS after them |`);
console.log("|---|---|---|---|");
console.log(`| reference (server-everything, Node ${process.version}) | ${f(ref.start)} ms | ${f(ref.p50, 2)} ms (${f(ref.p90, 2)}) | ${f(ref.rss)} MB |`);
console.log(`| clay-mcp-server (${process.env.BENCH_JDK || "java on PATH"}) | ${f(ours.start)} ms (${ratio(ours.start, ref.start)}) | ${f(ours.p50, 2)} ms (${f(ours.p90, 2)}; ${ratio(ours.p50, ref.p50)}) | ${f(ours.rss)} MB |`);
console.log(`warm: tools/call p50 of the next ${WARM_CALLS} calls: reference ${f(ref.warmP50, 2)} ms, ours ${f(ours.warmP50, 2)} ms (${ratio(ours.warmP50, ref.warmP50)})`);
console.log(`starts, ms: reference ${starts.reference.map((x) => f(x)).join(" ")}; ours ${starts.ours.map((x) => f(x)).join(" ")}`);
console.log(`HTTP mode: peak RSS after ${CALLS} calls ${f(h.rss)} MB; 50 sessions x 20 calls: ${h.answered} answered, ${f(h.perSecond)} calls/s`);
