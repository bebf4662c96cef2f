#!/usr/bin/env bash
# Start-up and scale benchmark (README.md, "Benchmark"). Prints a table and exits 0; not part of the tests.
#   (a) one target, start to exit, against a bare "hello world" JVM on the same machine
#   (b) every target for every server in one call, against (a)
#   (c) generated profiles of 1,000 / 10,000 / 100,000 networks, rendered for every target
#   (d) memory: 100,000 networks, every target in one call, in a 256 MiB heap: exit code, time, and the most heap
#       still in use after a garbage collection (from -Xlog:gc); the goal is exit 0 within 256 MiB
# Usage: bench/run.sh [RUNS] [startup|memory]   (default 10 runs per measurement; the median is reported;
#        "startup" measures (a) and (b) only, in about a minute; "memory" only (d))
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
only_startup=${2:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bin/whitelist-gen --version >/dev/null   # builds the jar (and its CDS archive) if needed

# a profile of $1 /32 networks from 11.0.0.0 on (public space), shared by both servers
profile_of() {
	awk -v n="$1" '
		/^networks:/ { print; for (i = 0; i < n; i++) printf "  - 11.%d.%d.%d\n", int(i / 65536), int(i / 256) % 256, i % 256; skip = 1; next }
		/^servers:/ { skip = 0 }
		!skip { sub(/^version: "2"/, "version: \"bench\""); print }' profiles/netigate/v2.yaml >"$2"
}

# (d) as the launcher runs the jar, with the heap capped; the GC log says how much was live at most
memory() {
	local count=100000 heap=256 profile="$work/memory.yaml" code=0 start end peak
	profile_of "$count" "$profile"
	start=$(date +%s%N)
	java -Xmx${heap}m -Xlog:gc:file="$work/gc.log" -XX:TieredStopAtLevel=1 -Dwhitelistgen.home="$PWD" \
		-cp target/whitelist-gen.jar dev.whitelistgen.cli.WhitelistGen --target all --server azure \
		--domain example.com --profile "$profile" --output "$work/memory-out" >/dev/null 2>"$work/memory.err" || code=$?
	end=$(date +%s%N)
	peak=$(grep -o '[0-9]*M->[0-9]*M' "$work/gc.log" | awk -F'->' '{ v = $2 + 0; if (v > m) m = v } END { print m + 0 }')
	printf '%-58s %8s\n' "(d) $count networks, --target all, -Xmx${heap}m: exit" "$code"
	printf '%-58s %8d\n' "(d) time (ms)" "$(((end - start) / 1000000))"
	printf '%-58s %8d   (goal: exit 0 within %d)\n' "(d) most heap in use after a GC (MiB)" "$peak" "$heap"
	printf '%-58s %8s\n' "(d) output (all files)" "$(du -sh "$work/memory-out" 2>/dev/null | cut -f1)"
}
if [[ $only_startup == memory ]]; then
	memory
	exit 0
fi

mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$work/hello/Hello.java"
javac -d "$work/hello" "$work/hello/Hello.java"

# wall time in milliseconds of running "$@" once (output discarded)
wall_ms() {
	local start end
	start=$(date +%s%N)
	"$@" >/dev/null 2>&1 || true
	end=$(date +%s%N)
	echo $(((end - start) / 1000000))
}

median() {
	sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

# median wall time in milliseconds of running "$@" $runs times
median_ms() {
	for ((i = 0; i < runs; i++)); do wall_ms "$@"; done | median
}

# The bare JVM, (a) and (b) take turns, so a busy moment on a shared machine slows all three rather than one.
hello_times=() one_times=() all_times=()
for ((i = 0; i < runs; i++)); do
	hello_times+=("$(wall_ms java -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$work/hello" Hello)")
	one_times+=("$(wall_ms bin/whitelist-gen --target postfix --server dach)")
	all_times+=("$(wall_ms bin/whitelist-gen --target all --server all --domain example.com)")
done
hello=$(printf '%s\n' "${hello_times[@]}" | median)
one=$(printf '%s\n' "${one_times[@]}" | median)
all=$(printf '%s\n' "${all_times[@]}" | median)

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs per measurement: $runs (median)"
printf '%-58s %8s\n' "measurement" "ms"
printf '%-58s %8d\n' "hello-world JVM" "$hello"
printf '%-58s %8d\n' "(a) --target postfix --server dach" "$one"
printf '%-58s %8d   (goal <= 250)\n' "(a) overhead over hello-world JVM" "$((one - hello))"
printf '%-58s %8s\n' "(a) ratio to hello-world JVM" "$(awk -v a="$one" -v b="$hello" 'BEGIN { printf "%.2f", a / b }')"
printf '%-58s %8d\n' "(b) --target all --server all --domain example.com" "$all"
printf '%-58s %8s   (goal <= 1.50)\n' "(b) ratio to (a)" "$(awk -v a="$all" -v b="$one" 'BEGIN { printf "%.2f", a / b }')"

[[ $only_startup == startup ]] && exit 0

# (c) profiles of N /32 networks from 11.0.0.0 on (public space), every target, one server
for count in 1000 10000 100000; do
	profile="$work/profile-$count.yaml"
	profile_of "$count" "$profile"
	for target in $(bin/whitelist-gen list targets | awk 'NR > 1 { print $1 }'); do
		ms=$(median_ms bin/whitelist-gen --target "$target" --server azure --domain example.com --profile "$profile" --output "$work/out-$count-$target")
		code=0
		bin/whitelist-gen --target "$target" --server azure --domain example.com --profile "$profile" --output "$work/check" >/dev/null 2>&1 || code=$?
		note=""
		[[ $code -ne 0 ]] && note="   (exit $code: refused, e.g. a platform limit)"
		printf '%-58s %8d%s\n' "(c) $count networks, --target $target" "$ms" "$note"
	done
done

memory
