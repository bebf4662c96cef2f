#!/usr/bin/env bash
# Rehearses a newcomer's machine on CI's prepared one: a fresh clone of the committed HEAD with nothing beside it,
# every program the tests can use and every file its package brings hidden, no third-party test data. Runs the
# given command there, which must pass with its skips listed. Default: README's two commands in its order, the main
# job (whose first call builds the jar) and then the test command, `mvn -B verify`: so the tests run in a second
# build, where LauncherIT checks that the build did not shade the shaded jar again (issue 22.4).
#
# Hidden, in a private mount namespace (root only; nothing outside it changes):
# - all of /usr/sbin (Postfix, named, ... live there);
# - for each package in .ci/apt-packages.txt: its programs in /usr/bin, and the folders it owns directly under
#   /etc, /usr/share, /usr/lib and /var/lib (/etc/spamassassin, /usr/share/postfix, ...). They are made absent,
#   not empty: a whiteout in an overlay over the parent folder, so a test that reads /etc/spamassassin/*.pre
#   before checking for the program fails here as it would on a bare machine;
# - node, npm, chromium, chromedriver and the other programs below, Exim's unpack under /opt/whitelist-gen-test.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $EUID -eq 0 ]] || { echo "bare-machine.sh: needs root (unshare -m, mount)" >&2; exit 2; }
[[ $# -gt 0 ]] || set -- sh -c 'bin/whitelist-gen --target postfix --server dach -o netigate-postfix/ && exec mvn -B verify'

extra_programs="node nodejs npm npx chromium chromedriver swaks exim exim4 asciidoctor groff nroff troff man
  dig nsupdate host delv openssl curl wget jq unzip zip patch strace python3 perl-doc"
packages=$(grep -v '^\s*#' .ci/apt-packages.txt | xargs)

work=$(mktemp -d /tmp/whitelist-gen-bare.XXXXXX)
trap 'rm -rf "$work"' EXIT
# Only what is committed, in a folder with nothing beside it (no shared/ data, no node_modules, no target/).
git clone -q --no-local "$PWD" "$work/alone/whitelist-gen"

# Owners of every path: a folder is hidden only when no package outside the hidden set has a file below it.
hidden_lists=()
for package in $packages; do
	for list in /var/lib/dpkg/info/"$package".list /var/lib/dpkg/info/"$package":*.list; do
		[[ -f $list ]] && hidden_lists+=("$list")
	done
done
others=$(mktemp "$work/others.XXXXXX")
for list in /var/lib/dpkg/info/*.list; do
	case " ${hidden_lists[*]} " in *" $list "*) continue ;; esac
	cat "$list"
done | sort -u >"$others"

declare -A whiteouts # parent folder -> names to hide in it
add() { whiteouts[$1]+=" $2"; }
for list in "${hidden_lists[@]}"; do
	while IFS= read -r path; do
		case $path in
		/usr/bin/* | /bin/*)
			[[ ${path%/*} == /usr/bin || ${path%/*} == /bin ]] && add /usr/bin "${path##*/}" ;;
		/etc/?* | /usr/share/?* | /usr/lib/?* | /var/lib/?*)
			parent=${path%/*}
			[[ $parent == /etc || $parent == /usr/share || $parent == /usr/lib || $parent == /var/lib ]] || continue
			[[ -d $path ]] || continue
			grep -q -F -- "$path/" "$others" && continue # shared with a package that stays
			grep -q -x -F -- "$path" "$others" && continue
			add "$parent" "${path##*/}" ;;
		esac
	done <"$list"
done
for program in $extra_programs; do
	[[ -e /usr/bin/$program || -L /usr/bin/$program ]] && add /usr/bin "$program"
done
[[ -d /opt ]] && add /opt whitelist-gen-test

unset WHITELISTGEN_REQUIRE_ALL WHITELISTGEN_SEEDS WHITELISTGEN_RFC7208_SUITE
mounts=()
for parent in "${!whiteouts[@]}"; do
	slot="$work/overlay$(echo "$parent" | tr / _)"
	mkdir -p "$slot/upper" "$slot/work"
	for name in ${whiteouts[$parent]}; do
		[[ -e $parent/$name || -L $parent/$name ]] && mknod "$slot/upper/$name" c 0 0 2>/dev/null || true
	done
	mounts+=("$parent=$slot")
done
echo "bare-machine.sh: hiding all of /usr/sbin and $(find "$work" -path '*/upper/*' | wc -l) programs and" \
	"package folders under ${!whiteouts[*]}; running '$*' in a fresh clone ($work/alone/whitelist-gen)" >&2

cd "$work/alone/whitelist-gen"
unshare -m bash -c '
	set -e
	mount --make-rprivate /
	mount -t tmpfs -o mode=755 none /usr/sbin
	for pair in '"${mounts[*]}"'; do
		parent=${pair%%=*} slot=${pair#*=}
		mount -t overlay overlay -o "lowerdir=$parent,upperdir=$slot/upper,workdir=$slot/work" "$parent"
	done
	exec "$@"' bare-machine "$@"
