#!/usr/bin/env bash
# Start-up of the release's Linux archive (docs/install.md, docs/benchmark.md). Prints a table and exits 0; not
# part of the tests. Unpacks the archive into a temporary folder and takes turns, RUNS times:
#   hello    a bare "hello world" JVM on the archive's own runtime (with the runtime's class-data sharing archive)
#   archive  bin/whitelist-gen --target postfix --server dach from the unpacked archive, as a user runs it
#   no-jsa   the same jar and options on the same runtime without the tool's class-data sharing archive
#   checkout the checkout's bin/whitelist-gen (system JDK, its own archive), the launcher the release replaces
# and reports each median, the archive's overhead over the bare JVM (goal: at most 100 ms) and the artefact sizes.
# Usage: bench/startup-archive.sh [RUNS] [ARCHIVE]  (default 21 runs; target/release/*-linux-x64.tar.gz, which
#        `mvn -B -Prelease -DskipTests package` builds)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
archive=${2:-$(ls target/release/whitelist-gen-*-linux-x64.tar.gz 2>/dev/null | head -1)}
[[ -f $archive ]] || { echo "startup-archive.sh: no archive; build one: mvn -B -Prelease -DskipTests package" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

tar -xzf "$archive" -C "$work"
home=$(echo "$work"/whitelist-gen-*)
java=$home/runtime/bin/java
bin/whitelist-gen --version >/dev/null # builds the checkout's jar (and its archive) if needed
mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$work/hello/Hello.java"
javac --release 17 -d "$work/hello" "$work/hello/Hello.java"

wall_ms() { # wall time in milliseconds of running "$@" once (output discarded)
	local start end
	start=$(date +%s%N)
	"$@" >/dev/null 2>&1 || true
	end=$(date +%s%N)
	echo $(((end - start) / 1000000))
}
median() {
	sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

job=(--target postfix --server dach)
hello=() archived=() unarchived=() checkout=()
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((i = 0; i < runs; i++)); do
	hello+=("$(wall_ms "$java" -cp "$work/hello" Hello)")
	archived+=("$(wall_ms "$home/bin/whitelist-gen" "${job[@]}")")
	unarchived+=("$(wall_ms "$java" -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -cp "$home/lib/whitelist-gen.jar" \
		dev.whitelistgen.cli.WhitelistGen "${job[@]}")")
	checkout+=("$(wall_ms bin/whitelist-gen "${job[@]}")")
done
hello_ms=$(printf '%s\n' "${hello[@]}" | median)
archive_ms=$(printf '%s\n' "${archived[@]}" | median)
unarchived_ms=$(printf '%s\n' "${unarchived[@]}" | median)
checkout_ms=$(printf '%s\n' "${checkout[@]}" | median)

echo "machine: $(nproc) cores, load $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after"
echo "archive: ${archive##*/}, runtime $("$java" -version 2>&1 | sed -n 2p)"
echo "runs per measurement: $runs, taking turns (median)"
printf '%-62s %8s\n' "measurement" "ms"
printf '%-62s %8d\n' "hello-world JVM on the archive's runtime" "$hello_ms"
printf '%-62s %8d\n' "archive: bin/whitelist-gen ${job[*]}" "$archive_ms"
printf '%-62s %8d   (goal <= 100)\n' "archive: overhead over the hello-world JVM" "$((archive_ms - hello_ms))"
printf '%-62s %8d\n' "archive without its class-data sharing archive" "$unarchived_ms"
printf '%-62s %8d\n' "checkout: bin/whitelist-gen ${job[*]}" "$checkout_ms"
printf '%-62s %8d   (goal <= 0)\n' "archive minus checkout" "$((archive_ms - checkout_ms))"

echo
echo "sizes (KiB)"
for file in "$(dirname "$archive")"/whitelist-gen*; do
	printf '%-62s %8d\n' "${file##*/}" "$(($(stat -c %s "$file") / 1024))"
done
printf '%-62s %8d\n' "unpacked Linux archive" "$(du -sk "$home" | cut -f1)"
printf '%-62s %8d\n' "  runtime/ without its class-data sharing archives" \
	"$(($(du -sk "$home/runtime" | cut -f1) - $(du -ck "$home"/runtime/lib/server/*.jsa | tail -1 | cut -f1)))"
printf '%-62s %8d\n' "  class-data sharing archives (runtime's and lib/whitelist-gen.jsa)" \
	"$(du -ck "$home"/runtime/lib/server/*.jsa "$home/lib/whitelist-gen.jsa" | tail -1 | cut -f1)"
printf '%-62s %8d\n' "  lib/whitelist-gen.jar" "$(du -k "$home/lib/whitelist-gen.jar" | cut -f1)"
