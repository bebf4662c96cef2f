#!/usr/bin/env bash
# Start-up of the release's Linux archive (docs/install.md, docs/benchmark.md). Prints a table and exits 0; not
# part of the tests. Unpacks the archive into a temporary folder and takes turns, RUNS times:
#   hello    a bare "hello world" JVM on the archive's own runtime (with the runtime's class-data sharing archive)
#   archive  bin/whitelist-gen --target postfix --server dach from the unpacked archive, as a user runs it
#   no-jsa   the same jar and options on the same runtime without the tool's class-data sharing archive
#   checkout the checkout's bin/whitelist-gen (system JDK, its own archive), the launcher the release replaces
# and reports the medians of wall and CPU time (user + sys), the archive's overhead over the bare JVM (goal: at most
# 100 ms) and the artefact sizes.
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

measure() { # measure NAME COMMAND...: runs it once (output discarded), appends wall and CPU (user + sys) ms
	local name=$1
	shift
	/usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>&1 || true
	read -r wall user sys <"$work/time"
	echo "$wall $user $sys" | awk '{ printf "%d\n", $1 * 1000 }' >>"$work/$name.wall"
	echo "$wall $user $sys" | awk '{ printf "%d\n", ($2 + $3) * 1000 }' >>"$work/$name.cpu"
}
median() {
	sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

job=(--target postfix --server dach)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((i = 0; i < runs; i++)); do
	measure hello "$java" -cp "$work/hello" Hello
	measure archive "$home/bin/whitelist-gen" "${job[@]}"
	measure no-jsa "$java" -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -cp "$home/lib/whitelist-gen.jar" \
		dev.whitelistgen.cli.WhitelistGen "${job[@]}"
	measure checkout bin/whitelist-gen "${job[@]}"
done
for name in hello archive no-jsa checkout; do
	for kind in wall cpu; do
		printf -v "${kind}_${name//-/_}" '%d' "$(median <"$work/$name.$kind")"
	done
done

echo "machine: $(nproc) cores, load $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after"
echo "archive: ${archive##*/}, runtime $("$java" -version 2>&1 | sed -n 2p)"
echo "runs per measurement: $runs, taking turns (medians; CPU is user + sys)"
printf '%-58s %8s %8s\n' "measurement" "wall ms" "CPU ms"
row() { printf '%-58s %8d %8d   %s\n' "$@"; }
row "hello-world JVM on the archive's runtime" "$wall_hello" "$cpu_hello" ""
row "archive: bin/whitelist-gen ${job[*]}" "$wall_archive" "$cpu_archive" ""
row "archive: overhead over the hello-world JVM" "$((wall_archive - wall_hello))" "$((cpu_archive - cpu_hello))" "(goal <= 100)"
row "archive without its class-data sharing archive" "$wall_no_jsa" "$cpu_no_jsa" ""
row "checkout: bin/whitelist-gen ${job[*]}" "$wall_checkout" "$cpu_checkout" ""
row "archive minus checkout" "$((wall_archive - wall_checkout))" "$((cpu_archive - cpu_checkout))" "(goal <= 0)"
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
