#!/usr/bin/env bash
# Builds the release artefacts from what `mvn package` made (the jar, the man pages' AsciiDoc, the completion
# script). Called by the pom's release profile (`mvn -B -Prelease package`, docs/install.md), in two steps around
# jdeb, which packs the .deb from the tree made here:
#   release.sh archives TARGET_DIR VERSION JDK OUTPUT_TIMESTAMP
#       target/release/whitelist-gen-VERSION-linux-x64.tar.gz and whitelist-gen-VERSION-portable.zip, and
#       target/release-work/deb-data.tar, the .deb's files
#   release.sh checksums TARGET_DIR
#       target/release/SHA256SUMS over the artefacts
# Same sources, same bytes: every file gets the time of project.build.outputTimestamp, archives list their
# entries sorted with owner root and fixed modes, gzip stores no name or time (.ci/release-check.sh builds twice
# and compares).
set -euo pipefail
export LC_ALL=C TZ=UTC

fail() {
	echo "release.sh: $*" >&2
	exit 1
}

checksums() {
	cd "$1/release"
	sha256sum whitelist-gen-*.tar.gz whitelist-gen-*.zip whitelist-gen_*.deb >SHA256SUMS
	cat SHA256SUMS
}

# The modules the jar uses (jdeps), and the ones it reaches only through a service lookup, which jdeps cannot
# see: jdk.naming.dns (JNDI's dns: provider, one of dnsjava's ways to find the system's resolvers) and jdk.zipfs
# (the built-in templates and profiles are read from the jar as a file system, BuiltInResources). jdeps
# finds jdk.httpserver (serve), java.desktop (java.beans, for FreeMarker's object wrapper), java.naming and java.sql.
modules_of() {
	local jar=$1 found
	found=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$jar")
	echo "$found,jdk.naming.dns,jdk.zipfs" | tr , '\n' | sort -u | paste -sd, -
}

# Fixed times and modes in a tree: executables 755, other files 644, folders 755.
normalise() {
	find "$1" -type d -exec chmod 755 {} +
	find "$1" -type f -perm /111 -exec chmod 755 {} +
	find "$1" -type f ! -perm /111 -exec chmod 644 {} +
	find "$1" -exec touch -h -d "@$epoch" {} +
}
tar_of() { # tar_of FOLDER ENTRY... > archive.tar: entries sorted, owned by root
	local folder=$1
	shift
	tar -C "$folder" --sort=name --format=gnu --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf - "$@"
}

# Every -Xshare:dump here runs with the same JVM settings, whatever the build machine has: a JVM sizes its heap
# from the machine's memory and its threads from its processors, and both change the bytes dumped. A young
# generation large enough that no collection runs before the dump's own: the dump runs Java code (lambda forms,
# the class list's lambda proxies), and when a young collection clears weak references while it does, whether
# jdk.internal.util.WeakReferenceKey has run by the time the classes are archived depends on when the reference
# handler thread gets to them, and its resolved constant-pool entries are archived or not (measured: 2 of 4 dumps
# of the same class list differed there on a quiet machine, and none of 6 with this young generation).
dump_settings=(-Xms128m -Xmx128m -Xmn96m -XX:ActiveProcessorCount=2)

# The runtime's own class-data sharing archive (runtime/lib/server/classes.jsa, from its default class list), for
# any Java program it starts: what jlink --generate-cds-archive makes, but with dump_settings, and without the
# second archive jlink adds for heaps over 32 GiB (14 MiB, which this tool never asks for).
runtime_archive() {
	local runtime=$1
	"$runtime/bin/java" -Xshare:dump "${dump_settings[@]}" >"$work/runtime-dump.log" 2>&1 ||
		fail "the runtime's class-data sharing dump failed; $work/runtime-dump.log says why"
}

# The tool's class-data sharing archive (lib/whitelist-gen.jsa): the classes a training run of every target for
# every server loads, parsed and verified, mapped into the next start instead of read from the jar
# (bench/startup-archive.sh measures it). Made by the runtime beside it, for the jar beside it; the folder may move
# as a whole. A static archive, not JDK 25's ahead-of-time cache (-XX:AOTCacheOutput): that one leaves out
# picocli's classes, compiled for Java 5 ("Old class has been linked"), and starts slower (docs/benchmark.md).
# The class list is made the same too: which constant-pool entries a run resolves (@cp lines) and the order of
# classes that threads load vary with timing, so those lines go and the rest is sorted. The training run has a
# time zone of its own (most users have one; UTC alone loads no zone rules) and the C locale.
cds_archive() {
	local home=$1 list=$work/training.classlist
	touch -d "@$epoch" "$home/lib/whitelist-gen.jar" # the archive records the jar's time and size, checked at every start
	# from inside the folder, with relative paths, so the archive does not hold the build's folder
	(cd "$home" && TZ=Europe/Stockholm runtime/bin/java "${dump_settings[@]}" -XX:DumpLoadedClassList="$list" \
		-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -cp lib/whitelist-gen.jar dev.whitelistgen.cli.WhitelistGen \
		--target all --server all --domain example.com) >"$work/training-run.out" 2>"$work/training-run.err" ||
		fail "the training run failed; $work/training-run.err says why"
	! grep -q ' source: ' "$list" || fail "$list names classes of a custom class loader, which the sorting below would break"
	grep -v -e '^#' -e '^@cp ' "$list" | sed 's/ id: [0-9]*$//' | sort -u >"$work/whitelist-gen.classlist"
	(cd "$home" && runtime/bin/java -Xshare:dump "${dump_settings[@]}" -XX:SharedClassListFile="$work/whitelist-gen.classlist" \
		-XX:SharedArchiveFile=lib/whitelist-gen.jsa -cp lib/whitelist-gen.jar) >"$work/cds-dump.log" 2>&1 ||
		fail "the class-data sharing dump failed; $work/cds-dump.log says why"
}

archives() {
	local target=$1 version=$2 epoch_text=$4
	jdk=$3
	[[ -x $jdk/bin/jlink ]] || fail "no JDK at $jdk (set -Drelease.jdk=FOLDER to a JDK 25 for linux-x64; docs/install.md)"
	local tool
	for tool in asciidoctor:asciidoctor tar:tar gzip:gzip zip:zip; do
		command -v "${tool%%:*}" >/dev/null || fail "${tool%%:*} is needed to build the release (Debian: apt-get install ${tool#*:})"
	done
	epoch=$(date -d "$epoch_text" +%s) || fail "project.build.outputTimestamp '$epoch_text' is not a date"
	export SOURCE_DATE_EPOCH=$epoch # asciidoctor dates the man pages with it

	local out=$target/release work=$target/release-work name=whitelist-gen-$version
	rm -rf "$out" "$work"
	mkdir -p "$out" "$work"

	# Linux: bin/, lib/ (the jar and its class-data sharing archive), runtime/ (jlink), share/ (man pages, completion)
	local linux=$work/linux/$name
	mkdir -p "$linux/bin" "$linux/lib" "$linux/share/man/man1" "$linux/share/bash-completion/completions"
	cp src/dist/bin/whitelist-gen "$linux/bin/"
	cp "$target/whitelist-gen.jar" "$linux/lib/"
	cp "$target/whitelist-gen_completion" "$linux/share/bash-completion/completions/whitelist-gen"
	asciidoctor -b manpage -D "$linux/share/man/man1" "$target"/man/*.adoc

	local modules
	modules=$(modules_of "$target/whitelist-gen.jar")
	echo "release.sh: linking a runtime of $modules from $jdk"
	"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
		--output "$linux/runtime" >"$work/jlink.log"

	runtime_archive "$linux/runtime"
	cds_archive "$linux"
	normalise "$work/linux"
	tar_of "$work/linux" "$name" | gzip -9n >"$out/$name-linux-x64.tar.gz"

	# Portable: the jar and both launchers (and the man pages and completion) for any Java 17 or newer
	local portable=$work/portable/$name
	mkdir -p "$portable/bin" "$portable/lib"
	cp src/dist/bin/whitelist-gen src/dist/bin/whitelist-gen.cmd "$portable/bin/"
	cp "$target/whitelist-gen.jar" "$portable/lib/"
	cp -r "$linux/share" "$portable/"
	normalise "$work/portable"
	# -X: no extra fields (owner ids, access times); the entries sorted; TZ=UTC fixes the DOS times
	(cd "$work/portable" && find "$name" -type f | sort | zip -X -D -q -9 "$out/$name-portable.zip" -@)

	# .deb: the Linux tree under /usr/lib/whitelist-gen, the man pages gzipped where man looks, the completion
	# where bash-completion loads it, the systemd unit; jdeb adds /usr/bin/whitelist-gen and the control file
	local deb=$work/deb
	mkdir -p "$deb/usr/bin" "$deb/usr/lib/whitelist-gen" "$deb/usr/lib/systemd/system" "$deb/usr/share/man/man1" \
		"$deb/usr/share/bash-completion/completions"
	cp -r "$linux/bin" "$linux/lib" "$linux/runtime" "$deb/usr/lib/whitelist-gen/"
	local page
	for page in "$linux"/share/man/man1/*.1; do
		gzip -9n <"$page" >"$deb/usr/share/man/man1/${page##*/}.gz"
	done
	cp "$linux/share/bash-completion/completions/whitelist-gen" "$deb/usr/share/bash-completion/completions/"
	cp src/dist/deb/whitelist-gen-serve.service "$deb/usr/lib/systemd/system/"
	normalise "$deb"
	tar_of "$deb" usr >"$work/deb-data.tar"
}

usage="usage: release.sh archives TARGET_DIR VERSION JDK OUTPUT_TIMESTAMP | checksums TARGET_DIR"
case "${1:-}:$#" in
archives:5) shift && archives "$@" ;;
checksums:2) shift && checksums "$@" ;;
*) fail "$usage" ;;
esac
