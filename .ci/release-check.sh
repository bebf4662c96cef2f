#!/usr/bin/env bash
# Proves the release artefacts (docs/install.md) on a machine without Java or Maven (issue 28). Run by .ci/run as
# root after the test suite; about how long it takes: docs/install.md.
#  1. Builds the release twice, each time in a fresh clone of the committed HEAD at another path
#     (`mvn -B -Prelease -DskipTests package`), the second on one processor, and requires the same bytes and a
#     valid SHA256SUMS.
#  2. In a private mount namespace (nothing outside it changes) hides every JDK (/usr/lib/jvm, the java, javac,
#     jlink... links in /usr/bin and /etc/alternatives), Maven (/usr/share/maven, ~/.m2, mvn) and the checkouts,
#     then, with only the artefacts:
#     - unpacks the Linux archive into an empty folder and runs --version, the README's main job, a bundle (both
#       compared with what the build machine's JDK writes with the same jar), and serve with one request;
#     - unpacks the .deb (dpkg -x) into a throwaway root and runs the installed /usr/bin/whitelist-gen there;
#       checks its systemd unit with systemd-analyze (verify, and security: exposure at most 2.0);
#     - renders every man page with man -l (no warnings) and loads the bash completion;
#     - unzips the portable zip: without Java its launcher says so (exit 127); with JAVA_HOME it runs.
#  3. Runs the portable zip's bin/whitelist-gen.cmd with Wine's cmd (Debian wine64, .ci/release/wine.sh) and
#     stand-ins for java.exe: the arguments it passes, java's exit code, JAVA_HOME, PATH, no Java.
set -euo pipefail

if [[ ${1:-} == --hidden ]]; then
	hidden=yes
else
	hidden=
	cd "$(dirname "$0")/.."
	[[ $EUID -eq 0 ]] || { echo "release-check.sh: needs root (unshare -m, mount)" >&2; exit 2; }
fi

fail() {
	echo "release-check.sh: FAILED: $*" >&2
	exit 1
}
pass() { echo "release-check.sh: ok: $*"; }

# ---- inside the namespace: only the artefacts ----------------------------------------------------------------------
if [[ -n $hidden ]]; then
	work=$2
	expected=$work/expected
	release=$work/artefacts
	version=$(cat "$work/version")
	cd "$work/run"

	! command -v java >/dev/null || fail "java is still on PATH: $(command -v java)"
	! command -v mvn >/dev/null || fail "mvn is still on PATH"
	[[ -z "$(ls -A /usr/lib/jvm)" ]] || fail "/usr/lib/jvm is not hidden"
	[[ ! -e /etc/alternatives/java ]] || fail "/etc/alternatives/java is not hidden"
	pass "no java, no mvn, /usr/lib/jvm empty"

	# the Linux archive, unpacked into an empty folder
	mkdir unpacked
	tar -xzf "$release/whitelist-gen-$version-linux-x64.tar.gz" -C unpacked
	app=$PWD/unpacked/whitelist-gen-$version
	out=$("$app/bin/whitelist-gen" --version)
	[[ $out == "whitelist-gen $version"$'\n'"Java 25."* ]] || fail "--version printed: $out"
	# the launcher uses the class-data sharing archive: with -Xshare:on the JVM stops if it cannot
	JAVA_TOOL_OPTIONS=-Xshare:on "$app/bin/whitelist-gen" --version >/dev/null 2>&1 ||
		fail "the class-data sharing archive is not usable from the unpacked archive"
	pass "archive: --version ($(echo "$out" | paste -sd' ' -)), class-data sharing archive in use"

	mkdir main-job && (cd main-job && "$app/bin/whitelist-gen" --target postfix --server dach -o netigate-postfix/) 2>main-job.err ||
		fail "archive: the main job failed: $(cat main-job.err)"
	diff -r "$expected/main-job/netigate-postfix" main-job/netigate-postfix ||
		fail "archive: the main job wrote other files than the build machine's JDK"
	pass "archive: --target postfix --server dach -o netigate-postfix/ ($(ls main-job/netigate-postfix | wc -l) files, as the JDK writes them)"

	"$app/bin/whitelist-gen" bundle --server-from-url https://www.ntgt.de/ --lang de --domain customer.example \
		-o ticket.zip 2>bundle.err || fail "archive: bundle failed: $(cat bundle.err)"
	cmp "$expected/ticket.zip" ticket.zip || fail "archive: the bundle differs from the JDK's"
	pass "archive: bundle --lang de (byte-identical to the JDK's)"

	# serve: loopback, any free port, one request, stopped after
	"$app/bin/whitelist-gen" serve --port 0 >serve.out 2>serve.err &
	server=$!
	trap 'kill -KILL "$server" 2>/dev/null || true' EXIT
	url=
	for ((second = 0; second < 120; second++)); do
		url=$(sed -n 's|^whitelist-gen serve: \(http://127.0.0.1:[0-9]*/\) .*|\1|p' serve.out)
		[[ -n $url ]] && break
		kill -0 "$server" 2>/dev/null || fail "serve exited: $(cat serve.err)"
		sleep 1
	done
	[[ -n $url ]] || fail "serve printed no URL within 120 s"
	curl -fsS --max-time 60 -o served.zip -G --data-urlencode server_url=https://www.ntgt.de/ \
		--data-urlencode lang=de --data-urlencode domains=customer.example "${url}bundle" || fail "serve: GET /bundle failed"
	cmp "$expected/ticket.zip" served.zip || fail "serve: /bundle differs from the CLI's bundle"
	kill -TERM "$server"
	code=0
	for ((second = 0; second < 30; second++)); do
		kill -0 "$server" 2>/dev/null || break
		sleep 1
	done
	kill -0 "$server" 2>/dev/null && fail "serve did not stop within 30 s of SIGTERM"
	wait "$server" || code=$?
	trap - EXIT
	grep -q 'serve stopped' serve.err || fail "serve did not say it stopped: $(cat serve.err)"
	pass "archive: serve on $url answered /bundle (the CLI's bytes), stopped on SIGTERM (exit $code)"

	# the .deb, unpacked into a throwaway root; /usr/bin/whitelist-gen is a relative link into /usr/lib
	dpkg -x "$release/whitelist-gen_${version}_amd64.deb" root
	[[ -L root/usr/bin/whitelist-gen ]] || fail ".deb: no /usr/bin/whitelist-gen link"
	out=$(root/usr/bin/whitelist-gen --version) || fail ".deb: --version failed"
	[[ $out == "whitelist-gen $version"* ]] || fail ".deb: --version printed: $out"
	mkdir deb-job && (cd deb-job && ../root/usr/bin/whitelist-gen --target postfix --server dach -o netigate-postfix/) 2>deb-job.err ||
		fail ".deb: the main job failed: $(cat deb-job.err)"
	diff -r "$expected/main-job/netigate-postfix" deb-job/netigate-postfix || fail ".deb: the main job wrote other files"
	JAVA_TOOL_OPTIONS=-Xshare:on root/usr/bin/whitelist-gen --version >/dev/null 2>&1 ||
		fail ".deb: the class-data sharing archive is not usable"
	pass ".deb: /usr/bin/whitelist-gen --version and the main job from $PWD/root"

	# the systemd unit: systemd cannot run here (not PID 1), so its own checks: the unit as systemd reads it, with
	# the installed /usr/bin/whitelist-gen in place (in this namespace's /usr/bin only), and its exposure score
	command -v systemd-analyze >/dev/null || fail "systemd-analyze is missing (Debian package systemd)"
	ln -s "$PWD/root/usr/lib/whitelist-gen/bin/whitelist-gen" /usr/bin/whitelist-gen
	systemd-analyze verify --man=no root/usr/lib/systemd/system/whitelist-gen-serve.service >verify.out 2>&1 ||
		fail "systemd-analyze verify: $(cat verify.out)"
	[[ ! -s verify.out ]] || fail "systemd-analyze verify warns: $(cat verify.out)"
	exposure=$(systemd-analyze security --offline=yes --root="$PWD/root" whitelist-gen-serve.service 2>&1 |
		sed -n 's/.*Overall exposure level for whitelist-gen-serve.service: \([0-9.]*\).*/\1/p')
	[[ -n $exposure ]] && awk -v score="$exposure" 'BEGIN { exit !(score <= 2.0) }' ||
		fail "systemd-analyze security: exposure '$exposure', more than 2.0 (0 is locked down, 10 is not at all)"
	pass ".deb: the systemd unit passes systemd-analyze verify; exposure $exposure of 10 (systemd-analyze security)"

	# man pages: each renders, without a warning from man or groff
	pages=0
	for page in "$app"/share/man/man1/*.1 root/usr/share/man/man1/*.1.gz; do
		MANWIDTH=80 man --warnings -l "$page" >page.txt 2>page.err || fail "man -l $page failed: $(cat page.err)"
		[[ ! -s page.err ]] || fail "man -l $page warns: $(cat page.err)"
		grep -q 'whitelist-gen' page.txt || fail "man -l $page rendered no page"
		pages=$((pages + 1))
	done
	pass "man -l: $pages pages rendered (archive and .deb), no warnings"
	for completion in "$app/share/bash-completion/completions/whitelist-gen" \
		root/usr/share/bash-completion/completions/whitelist-gen; do
		bash -c 'source "$1" && complete -p whitelist-gen' _ "$completion" >/dev/null ||
			fail "$completion does not register a completion for whitelist-gen"
	done
	pass "bash completion loads (archive and .deb)"

	# the portable zip: no Java here, so its launcher must say so; then with the archive's runtime as JAVA_HOME
	mkdir portable && (cd portable && unzip -q "$release/whitelist-gen-$version-portable.zip")
	portable=$PWD/portable/whitelist-gen-$version
	code=0
	"$portable/bin/whitelist-gen" --version >/dev/null 2>portable.err || code=$?
	[[ $code -eq 127 ]] && grep -q 'needs Java 17 or newer' portable.err ||
		fail "portable: without Java: exit $code, $(cat portable.err)"
	out=$(JAVA_HOME=$app/runtime "$portable/bin/whitelist-gen" --version) || fail "portable: with JAVA_HOME failed"
	[[ $out == "whitelist-gen $version"* ]] || fail "portable: --version printed: $out"
	pass "portable: without Java exit 127 and why; with JAVA_HOME: $(echo "$out" | paste -sd' ' -)"
	exit 0
fi

# ---- on the build machine -----------------------------------------------------------------------------------------
started=$SECONDS
work=$(mktemp -d /tmp/whitelist-gen-release.XXXXXX)
wineprefix=$work/wine
cleanup() {
	[[ -d $wineprefix ]] && WINEPREFIX=$wineprefix /usr/lib/wine/wineserver64 -k 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
unset JAVA_HOME

# 1. two builds, two paths, same bytes; the second sees one processor (taskset), so a JVM setting that follows the
# build machine's processor count (a dump's threads, its collector) shows as a difference
for build in one two; do
	git clone -q --no-local "$PWD" "$work/$build/whitelist-gen"
	build_started=$SECONDS
	on_cpus=()
	[[ $build == two ]] && on_cpus=(taskset -c 0)
	if ! (cd "$work/$build/whitelist-gen" && "${on_cpus[@]}" mvn -B -Prelease -DskipTests package) >"$work/$build.log" 2>&1; then
		tail -40 "$work/$build.log" >&2
		fail "release build $build failed"
	fi
	pass "release build $build in $((SECONDS - build_started)) s${on_cpus:+ (on one processor: ${on_cpus[*]})}"
done
one=$work/one/whitelist-gen/target/release
two=$work/two/whitelist-gen/target/release
(cd "$one" && sha256sum -c --quiet SHA256SUMS) || fail "SHA256SUMS does not match the artefacts"
for file in "$one"/whitelist-gen* "$one/SHA256SUMS"; do # the artefacts first: SHA256SUMS differs when one does
	if ! cmp -s "$file" "$two/${file##*/}"; then
		echo "release-check.sh: ${file##*/} differs between the two builds; what differs inside:" >&2
		for build in one two; do
			mkdir -p "$work/differ/$build"
			case $file in
			*.tar.gz) tar -xzf "$work/$build/whitelist-gen/target/release/${file##*/}" -C "$work/differ/$build" ;;
			*.zip) unzip -q "$work/$build/whitelist-gen/target/release/${file##*/}" -d "$work/differ/$build" ;;
			*.deb) dpkg -x "$work/$build/whitelist-gen/target/release/${file##*/}" "$work/differ/$build" ;;
			esac
		done
		diff -rq "$work/differ/one" "$work/differ/two" >&2 || true
		diff -rq "$work/differ/one" "$work/differ/two" 2>/dev/null | sed -n 's/^Files \(.*\) and \(.*\) differ$/\1 \2/p' |
			while read -r first second; do
				echo "release-check.sh: ${first#"$work/differ/one/"}: $(cmp -l "$first" "$second" | wc -l) bytes differ" >&2
			done
		# the usual suspect: the training run's class list, which the class-data sharing archive is dumped from
		diff "$work/one/whitelist-gen/target/release-work/whitelist-gen.classlist" \
			"$work/two/whitelist-gen/target/release-work/whitelist-gen.classlist" >&2 || true
		fail "the release is not reproducible: ${file##*/}"
	fi
done
pass "two builds, same bytes: $(cd "$one" && ls | paste -sd' ' -); sizes: $(cd "$one" && du -k ./* | awk '{printf "%s %d KiB; ", $2, $1}')"

# What the build machine's JDK writes with the same jar: the artefacts must write the same.
version=$(cd "$one" && ls whitelist-gen-*-portable.zip | sed 's/^whitelist-gen-\(.*\)-portable.zip$/\1/')
echo "$version" >"$work/version"
mkdir -p "$work/artefacts" "$work/expected/main-job" "$work/run"
cp "$one"/* "$work/artefacts/"
jar=$work/one/whitelist-gen/target/whitelist-gen.jar
(cd "$work/expected/main-job" && java -cp "$jar" dev.whitelistgen.cli.WhitelistGen --target postfix --server dach -o netigate-postfix/) 2>/dev/null
(cd "$work/expected" && java -cp "$jar" dev.whitelistgen.cli.WhitelistGen bundle --server-from-url https://www.ntgt.de/ \
	--lang de --domain customer.example -o ticket.zip) 2>/dev/null

# 2. the same machine without Java and Maven
whiteouts_usr_bin=() whiteouts_alternatives=()
for link in /usr/bin/* /etc/alternatives/*; do
	[[ -L $link ]] || continue
	case $(readlink -f "$link") in
	/usr/lib/jvm/* | /usr/share/maven/*) ;;
	*) continue ;;
	esac
	case $link in
	/usr/bin/*) whiteouts_usr_bin+=("${link##*/}") ;;
	*) whiteouts_alternatives+=("${link##*/}") ;;
	esac
done
for folder in usr-bin alternatives; do
	mkdir -p "$work/overlay-$folder/upper" "$work/overlay-$folder/work"
done
for name in "${whiteouts_usr_bin[@]}"; do mknod "$work/overlay-usr-bin/upper/$name" c 0 0; done
for name in "${whiteouts_alternatives[@]}"; do mknod "$work/overlay-alternatives/upper/$name" c 0 0; done
cp "$0" "$work/release-check.sh"
hide=()
for folder in "$PWD" "$work/one" "$work/two" /usr/lib/jvm /usr/share/maven /usr/share/maven-repo "$HOME/.m2"; do
	[[ -d $folder ]] && hide+=("$folder")
done
echo "release-check.sh: hiding ${hide[*]} and ${#whiteouts_usr_bin[@]} + ${#whiteouts_alternatives[@]} links in" \
	"/usr/bin and /etc/alternatives"
unshare -m bash -c '
	set -e
	work=$1
	shift
	mount --make-rprivate /
	mount -t overlay overlay -o "lowerdir=/usr/bin,upperdir=$work/overlay-usr-bin/upper,workdir=$work/overlay-usr-bin/work" /usr/bin
	mount -t overlay overlay -o "lowerdir=/etc/alternatives,upperdir=$work/overlay-alternatives/upper,workdir=$work/overlay-alternatives/work" /etc/alternatives
	for folder in "$@"; do
		mount -t tmpfs -o mode=755 none "$folder"
	done
	exec bash "$work/release-check.sh" --hidden "$work"' hide "$work" "${hide[@]}" || fail "the checks without Java failed"

# 3. the .cmd launcher in Wine's cmd, with a stand-in for java.exe
if [[ ! -x /usr/lib/wine/wine64 ]]; then
	[[ ${WHITELISTGEN_REQUIRE_ALL:-} == true ]] && fail "Wine is missing (Debian wine64; .ci/release/wine.sh installs it)"
	echo "release-check.sh: SKIPPED: bin/whitelist-gen.cmd not run: Wine is missing (Debian wine64)"
else
	export WINEPREFIX=$wineprefix WINEDEBUG=-all
	cmd_started=$SECONDS
	windows() { echo "Z:$1" | tr / '\\'; } # Wine's drive Z: is /
	mkdir -p "$work/cmd/recording-jdk/bin" "$work/cmd/failing-jdk/bin" "$work/cmd/empty"
	(cd "$work/cmd" && unzip -q "$work/artefacts/whitelist-gen-$version-portable.zip")
	launcher=$(windows "$work/cmd/whitelist-gen-$version/bin/whitelist-gen.cmd")
	jar_argument="[$(windows "$work/cmd/whitelist-gen-$version/bin/../lib/whitelist-gen.jar")]"
	# Two stand-ins for java.exe. Wine runs a Linux program named as a Windows one, and gives it the command line
	# split as Windows splits it: this one records the arguments (but Wine reports its exit code as 0).
	cat >"$work/cmd/recording-jdk/bin/java.exe" <<-'STANDIN'
		#!/bin/sh
		for argument in "$@"; do printf '[%s]\n' "$argument"; done >"$WHITELIST_GEN_ARGS_FILE"
	STANDIN
	chmod +x "$work/cmd/recording-jdk/bin/java.exe"
	# A Windows program for the exit code: Wine's xcopy.exe, which takes java's options for bad parameters of its
	# own and exits 4
	cp /usr/lib/x86_64-linux-gnu/wine/x86_64-windows/xcopy.exe "$work/cmd/failing-jdk/bin/java.exe"
	export WHITELIST_GEN_ARGS_FILE=$work/cmd/args
	run_cmd() { # run_cmd ARGUMENT... in an empty folder, the environment from the caller; sets code
		rm -f "$WHITELIST_GEN_ARGS_FILE"
		code=0
		(cd "$work/cmd/empty" && /usr/lib/wine/wine64 cmd /c "$launcher" "$@") >"$work/cmd/out" 2>&1 </dev/null || code=$?
	}
	expect_args() {
		local want
		want=$(printf '%s\n' "$@")
		[[ -f $WHITELIST_GEN_ARGS_FILE ]] || fail ".cmd: java.exe was not run: $(cat "$work/cmd/out")"
		[[ "$(cat "$WHITELIST_GEN_ARGS_FILE")" == "$want" ]] ||
			fail ".cmd: java.exe got"$'\n'"$(cat "$WHITELIST_GEN_ARGS_FILE")"$'\n'"instead of"$'\n'"$want"
	}
	JAVA_HOME=$(windows "$work/cmd/recording-jdk") run_cmd --target postfix "two words" "" --domain customer.example
	expect_args "[-XX:TieredStopAtLevel=1]" "[-XX:CICompilerCount=1]" "[-cp]" "$jar_argument" \
		"[dev.whitelistgen.cli.WhitelistGen]" "[--target]" "[postfix]" "[two words]" "[]" "[--domain]" "[customer.example]"
	pass ".cmd: %JAVA_HOME%\\bin\\java.exe got every argument, one with a space and an empty one"
	truncate -s 4000001 "$work/cmd/large profile.yaml" # over 4 MB: the full JIT, as the other launchers decide
	JAVA_HOME=$(windows "$work/cmd/recording-jdk") run_cmd --target postfix --profile "$(windows "$work/cmd/large profile.yaml")"
	expect_args "[-cp]" "$jar_argument" "[dev.whitelistgen.cli.WhitelistGen]" "[--target]" "[postfix]" "[--profile]" \
		"[$(windows "$work/cmd/large profile.yaml")]"
	pass ".cmd: a --profile file over 4 MB gets the full JIT"
	JAVA_HOME=$(windows "$work/cmd/failing-jdk") run_cmd --version
	[[ $code -eq 4 ]] || fail ".cmd: exit $code instead of java.exe's 4: $(cat "$work/cmd/out")"
	pass ".cmd: java.exe's exit code (4) is the launcher's"
	WINEPATH="$(windows "$work/cmd/recording-jdk")\\bin" run_cmd serve --port 0
	expect_args "[-Xmx128m]" "[-XX:+UseSerialGC]" "[-cp]" "$jar_argument" "[dev.whitelistgen.cli.WhitelistGen]" \
		"[serve]" "[--port]" "[0]"
	pass ".cmd: without JAVA_HOME, java.exe from PATH; serve with the full JIT in a bounded heap"
	run_cmd --version
	[[ $code -eq 127 ]] && grep -q 'needs Java 17 or newer' "$work/cmd/out" ||
		fail ".cmd: without Java: exit $code, $(cat "$work/cmd/out")"
	pass ".cmd: without Java: exit 127 and why ($((SECONDS - cmd_started)) s, Wine's first start included)"
fi

echo "release-check.sh: passed in $((SECONDS - started)) s"
