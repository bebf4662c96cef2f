#!/usr/bin/env bash
# Benchmark of `whitelist-gen serve` (README.md, "serve"). Prints a table and exits 0; not part of the tests.
#   (d) median time to generate one target over HTTP on a warm server (HTML page and JSON API)
#   (e) requests per second for mixed targets and servers, CLIENTS requests in flight
#   (f) memory: resident set and Java heap after 10,000 more requests (the largest answers among them)
#   and, for comparison, the CLI's start-to-exit time for the same target (median of RUNS)
# Usage: bench/serve.sh [REQUESTS] [CLIENTS] [RUNS]   (defaults 5000, 4, 10)
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-5000}
clients=${2:-4}
runs=${3:-10}
work=$(mktemp -d)
server_pid=""
cleanup() {
	[[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

bin/whitelist-gen --version >/dev/null   # builds the jar if needed

bin/whitelist-gen serve --port 0 >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 1 100); do
	url=$(sed -n 's/^whitelist-gen serve: \(http:[^ ]*\) .*/\1/p' "$work/serve.out")
	[[ -n $url ]] && break
	sleep 0.1
done
[[ -n $url ]] || { echo "serve did not start: $(cat "$work/serve.err")" >&2; exit 1; }

cli_times=()
for ((i = 0; i < runs; i++)); do
	start=$(date +%s%N)
	bin/whitelist-gen --target postfix --server dach >/dev/null
	end=$(date +%s%N)
	cli_times+=($(((end - start) / 1000000)))
done
cli=$(printf '%s\n' "${cli_times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }')

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-58s %8d\n' "CLI --target postfix --server dach, start to exit, ms" "$cli"
SERVE_PID=$server_pid java bench/ServeBench.java "$url" "$requests" "$clients"

# (f) memory after 10,000 requests: resident set (now and its peak), Java heap in use before and after a full
# collection, and the heap limit the launcher sets (bin/whitelist-gen, serve's options)
status() { awk -v key="$1" '$1 == key ":" { printf "%d", $2 / 1024 }' "/proc/$server_pid/status"; }
# the sum over the heap's generations (serial: new and tenured; G1: one line), not Metaspace's "used"
heap_used() { jcmd "$server_pid" GC.heap_info | awk '/(generation|heap) +total/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); sum += v } } END { printf "%.1f", sum / 1024 }'; }
printf '%-58s %8s\n' "RSS after warm-up and the runs above, MiB" "$(status VmRSS)"
java bench/ServeBench.java "$url" 10000 "$clients" memory
printf '%-58s %8s\n' "RSS after 10,000 more requests, MiB" "$(status VmRSS)"
printf '%-58s %8s\n' "RSS peak (VmHWM), MiB" "$(status VmHWM)"
printf '%-58s %8s\n' "heap in use, MiB" "$(heap_used)"
jcmd "$server_pid" GC.run >/dev/null
printf '%-58s %8s\n' "heap in use after a full collection, MiB" "$(heap_used)"
printf '%-58s %8s\n' "heap limit (-Xmx), MiB" "$(jcmd "$server_pid" VM.flags | tr ' ' '\n' | awk -F= '/^-XX:MaxHeapSize=/ { printf "%d", $2 / 1048576 }')"
