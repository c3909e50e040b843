#!/usr/bin/env python3
"""Start-to-first-answer of the packaged server over stdio, as a desktop client sees it.

Spawns `java -jar target/quarkus-app/quarkus-run.jar` in sandbox mode RUNS times and measures, per run:
  - start -> initialize answered (what a desktop client waits for before listing tools)
  - one tools/call round trip after that (add_rows of 100 rows, then count_rows)
Prints the median and spread. Usage: [JAVA=/path/to/java] bench/first-answer.py [RUNS] [extra java options...]
"""
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "target", "quarkus-app", "quarkus-run.jar")


def run_once(java_opts):
    env = dict(os.environ, CLAY_SANDBOX="true")
    start = time.perf_counter()
    p = subprocess.Popen([os.environ.get("JAVA", "java"), *java_opts, "-jar", JAR], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, env=env, text=True, bufsize=1)

    def ask(message):
        p.stdin.write(json.dumps(message) + "\n")
        p.stdin.flush()
        while True:
            line = p.stdout.readline()
            reply = json.loads(line)
            if reply.get("id") == message.get("id"):
                return reply

    ask({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18",
         "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}})
    first = time.perf_counter() - start
    p.stdin.write(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}) + "\n")
    rows = [{"id": f"r{i}", "cells": {"f_name": f"Name {i}"}} for i in range(100)]
    t = time.perf_counter()
    ask({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "add_rows",
         "arguments": {"tableId": "t_bench", "rows": rows}}})
    ask({"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "count_rows",
         "arguments": {"tableId": "t_bench"}}})
    calls = time.perf_counter() - t
    p.stdin.close()
    p.wait(timeout=30)
    return first, calls


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    java_opts = sys.argv[2:]
    if not os.path.exists(JAR):
        sys.exit("build first: ./mvnw package -DskipTests")
    run_once(java_opts)  # warm the OS file cache
    firsts, calls = zip(*(run_once(java_opts) for _ in range(runs)))
    ms = lambda xs: f"median {statistics.median(xs) * 1000:.0f} ms (min {min(xs) * 1000:.0f}, max {max(xs) * 1000:.0f})"
    print(f"runs: {runs}, java options: {' '.join(java_opts) or '(none)'}")
    print(f"start -> initialize answered: {ms(firsts)}")
    print(f"first add_rows(100) + count_rows: {ms(calls)}")


if __name__ == "__main__":
    main()
