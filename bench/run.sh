#!/usr/bin/env bash
# Start-up and scale benchmark (docs/benchmark.md). Prints each figure beside its goal and exits 0; not part of
# the tests. Times that depend on the machine are also given as ratios to a bare "hello world" JVM measured in the
# same minutes, and the goals are stated for both: a goal in ms holds on the quiet 2-core machine, where the bare JVM
# takes 38 ms; on a busy machine read the ratio column.
#   startup: the bare JVM, --version, (a) one target and (b) every target for every server, taking turns
#            (A B C D A B C D ...), so a busy moment slows all four rather than one; medians of RUNS, of the wall
#            time and of the CPU time (all threads), each also as a ratio to the bare JVM's
#   scale:   (d) generated profiles of 10,000, 100,000 and 1,000,000 networks, each target in its own call with the
#            heap capped at 256 MiB: exit code (a refusal with its reason), time, and the most heap still in use
#            after a garbage collection (-Xlog:gc); the goal for 1,000,000 is exit 0 within 10 s and 256 MiB
#   serve:   bench/serve.sh (requests per second and p99 of `whitelist-gen serve`)
# Usage: bench/run.sh [RUNS] [startup|scale|serve|all]   (default: 10 runs, startup and scale)
#        SCALE_COUNTS="10000 100000" bench/run.sh 1 scale   (other network counts; SCALE_TIMEOUT seconds per call, 60)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
mode=${2:-default}
counts=${SCALE_COUNTS:-10000 100000 1000000}
scale_timeout=${SCALE_TIMEOUT:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bin/whitelist-gen --version >/dev/null # builds the jar (and its CDS archive) if needed

# The quiet machine's bare JVM, from which the ms goals below were set (issue 30)
quiet_hello=38

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg) (before)"

median() {
	sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# "holds" or "MISSED": whether $1 <= $2 (decimals allowed)
verdict() { awk -v v="$1" -v g="$2" 'BEGIN { print (v + 0 <= g + 0) ? "holds" : "MISSED" }'; }

# "WALL CPU" in milliseconds of running "$@" once (output discarded); CPU is user + system time of every thread,
# which a busy machine inflates far less than the wall time (it waits for a core, it does not work more)
wall_and_cpu_ms() {
	local TIMEFORMAT='%3R %3U %3S' times
	times=$({ time "$@" >/dev/null 2>&1; } 2>&1 | tail -1) || true
	awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' <<<"$times"
}

startup() {
	mkdir -p "$work/hello"
	printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$work/hello/Hello.java"
	javac -d "$work/hello" "$work/hello/Hello.java"
	local names=(hello version one all) i name
	local -a commands_hello=(java -Xshare:auto -XX:TieredStopAtLevel=1 -cp "$work/hello" Hello)
	local -a commands_version=(bin/whitelist-gen --version)
	local -a commands_one=(bin/whitelist-gen --target postfix --server dach)
	local -a commands_all=(bin/whitelist-gen --target all --server all --domain example.com)
	for name in "${names[@]}"; do : >"$work/$name.times"; done
	for ((i = 0; i < runs; i++)); do
		for name in "${names[@]}"; do
			local -n command="commands_$name"
			wall_and_cpu_ms "${command[@]}" >>"$work/$name.times"
			unset -n command
		done
	done
	declare -A wall cpu
	for name in "${names[@]}"; do
		wall[$name]=$(cut -d' ' -f1 "$work/$name.times" | median)
		cpu[$name]=$(cut -d' ' -f2 "$work/$name.times" | median)
	done
	# goals as ratios: (quiet bare JVM + allowance) / quiet bare JVM
	local version_goal one_goal
	version_goal=$(ratio 70 "$quiet_hello")
	one_goal=$(ratio $((quiet_hello + 100)) "$quiet_hello")
	row() { # label name goal-text goal-ratio
		local w c
		w=$(ratio "${wall[$2]}" "${wall[hello]}")
		c=$(ratio "${cpu[$2]}" "${cpu[hello]}")
		printf '%-50s %7d %6s %7d %6s   %s\n' "$1" "${wall[$2]}" "$w" "${cpu[$2]}" "$c" \
			"${3:+$3: wall $(verdict "$w" "$4"), cpu $(verdict "$c" "$4")}"
	}
	echo "start-up, through the launcher; $runs runs each, taking turns, medians; load $(cut -d' ' -f1-3 /proc/loadavg) (after)"
	printf '%-50s %7s %6s %7s %6s   %s\n' "measurement" "wall ms" "x bare" "cpu ms" "x bare" "goal (quiet-machine ms = ratio to bare)"
	row "bare JVM (java Hello)" hello
	row "--version" version "<= 70 ms = <= $version_goal" "$version_goal"
	row "(a) --target postfix --server dach" one "<= $((quiet_hello + 100)) ms (100 above bare) = <= $one_goal" "$one_goal"
	# the goal as issue 30 states it; the ratio above was derived from a 38 ms bare JVM and is lenient where the bare
	# JVM takes longer (115 ms on the quiet machine in December 2026), so on a quiet machine this row decides
	printf '%-50s %7d %6s %7d %6s   <= 100 ms above bare: wall %s, cpu %s\n' "(a) above the bare JVM" "$((wall[one] - wall[hello]))" "" \
		"$((cpu[one] - cpu[hello]))" "" "$(verdict $((wall[one] - wall[hello])) 100)" "$(verdict $((cpu[one] - cpu[hello])) 100)"
	row "(b) --target all --server all --domain example.com" all
	printf '%-50s %7s %6s %7s %6s   (b)/(a) <= 1.50: wall %s, cpu %s\n' "(b) ratio to (a)" "$(ratio "${wall[all]}" "${wall[one]}")" "" \
		"$(ratio "${cpu[all]}" "${cpu[one]}")" "" "$(verdict "$(ratio "${wall[all]}" "${wall[one]}")" 1.5)" \
		"$(verdict "$(ratio "${cpu[all]}" "${cpu[one]}")" 1.5)"
}

# a profile of $1 /32 networks from 11.0.0.0 on (public space), shared by both servers
profile_of() {
	awk -v n="$1" '
		/^networks:/ { print; for (i = 0; i < n; i++) printf "  - 11.%d.%d.%d\n", int(i / 65536), int(i / 256) % 256, i % 256; skip = 1; next }
		/^servers:/ { skip = 0 }
		!skip { sub(/^version: "2"/, "version: \"bench\""); print }' profiles/netigate/v2.yaml >"$2"
}

# (d) each target in its own call, as the launcher runs the jar, with the heap capped; the GC log gives the most
# heap still in use after a collection. A target that refuses (exit 4, e.g. a platform's record limit) is listed
# with its reason: it is right to refuse, and not a failed measurement.
scale() {
	local heap=256 count target code ms cpu peak reason goal
	local -a jit
	echo "(d) each target alone, -Xmx${heap}m, one run each (ms); goal for 1,000,000 networks: exit 0 within 10,000 ms" \
		"and ${heap} MiB; refusals are listed, not measured"
	printf '%-14s %9s %5s %8s %8s %9s %9s   %s\n' "target" "networks" "exit" "ms" "cpu ms" "us/net" "heap MiB" "verdict / refusal"
	for count in $counts; do
		profile_of "$count" "$work/profile-$count.yaml"
		# the launchers' JIT rule (bin/whitelist-gen, large_profile): C1 only, the full JIT for a file over 4 MB
		jit=(-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1)
		(($(wc -c <"$work/profile-$count.yaml") > 4000000)) && jit=()
		for target in $(bin/whitelist-gen list targets | awk 'NR > 1 { print $1 }'); do
			rm -rf "$work/out" "$work/gc.log"
			code=0
			# CPU: user + system of the JVM's every thread (GC included), which a busy machine inflates far less than
			# the wall time
			/usr/bin/time -f '%e %U %S' -o "$work/time" timeout "$scale_timeout" java -Xmx${heap}m -Xlog:gc:file="$work/gc.log" \
				${jit[@]+"${jit[@]}"} -Dwhitelistgen.home="$PWD" -cp target/whitelist-gen.jar dev.whitelistgen.cli.WhitelistGen \
				--target "$target" --server azure --domain example.com --profile "$work/profile-$count.yaml" \
				--output "$work/out" >/dev/null 2>"$work/err" || code=$?
			ms=$(awk 'END { printf "%d", $1 * 1000 }' "$work/time")
			cpu=$(awk 'END { printf "%d", ($2 + $3) * 1000 }' "$work/time")
			peak=$(grep -o '[0-9]*M->[0-9]*M' "$work/gc.log" 2>/dev/null | awk -F'->' '{ v = $2 + 0; if (v > m) m = v } END { print m + 0 }')
			if [[ $code -eq 4 ]]; then
				reason=$(grep -m1 'whitelist-gen:' "$work/err" | cut -c1-110)
				printf '%-14s %9d %5d %8s %8s %9s %9s   refused: %s\n' "$target" "$count" "$code" - - - - "${reason#whitelist-gen: }"
				continue
			fi
			goal=""
			if [[ $count -ge 1000000 ]]; then
				goal=$([[ $code -eq 0 && $ms -le 10000 && $peak -lt $heap ]] && echo holds || echo MISSED)
			fi
			case $code in
			0) ;;
			124) goal="$goal (killed after ${scale_timeout} s)" ;;
			70) goal="$goal ($(grep -m1 -o 'out of memory' "$work/err" || echo 'internal error'))" ;;
			*) goal="$goal ($(head -c 100 "$work/err"))" ;;
			esac
			printf '%-14s %9d %5d %8d %8d %9s %9d   %s\n' "$target" "$count" "$code" "$ms" "$cpu" \
				"$(awk -v t="$ms" -v n="$count" 'BEGIN { printf "%.1f", t * 1000 / n }')" "$peak" "$goal"
		done
	done
	echo "load $(cut -d' ' -f1-3 /proc/loadavg) (after); us/net: wall time per network, flat when the cost is linear;" \
		"on a busy machine read cpu ms (wall time there is mostly waiting for a core)"
}

case $mode in
startup) startup ;;
scale | memory) scale ;;
serve) bench/serve.sh ;;
all) startup && scale && bench/serve.sh ;;
default) startup && scale ;;
*) echo "usage: bench/run.sh [RUNS] [startup|scale|serve|all]" >&2 && exit 2 ;;
esac
