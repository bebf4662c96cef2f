#!/usr/bin/env bash
# Rehearses a newcomer's machine on a prepared one: runs the given command (default: README's test command,
# `mvn -B verify`) with every program the real-program tests use hidden, the PowerShell parser's node_modules
# hidden and no third-party test data, inside a private mount namespace (root only; nothing outside changes).
# The suite must pass there, with those tests listed as skipped and why.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $EUID -eq 0 ]] || { echo "bare-machine.sh: needs root (unshare -m)" >&2; exit 2; }
programs="postfix postmap postconf postsuper policyd-spf named named-checkconf named-checkzone named-compilezone
  spamassassin sa-compile spamd spamc rspamd rspamadm rspamc jq unzip patch asciidoctor groff nroff openssl curl
  node npm chromium chromedriver"
hide=""
for program in $programs; do
	for folder in /usr/sbin /usr/bin /sbin /bin /usr/local/bin /usr/local/sbin; do
		[[ -x "$folder/$program" && ! -L "$folder/$program" ]] && hide="$hide $folder/$program"
		[[ -L "$folder/$program" ]] && hide="$hide $(readlink -f "$folder/$program") $folder/$program"
	done
done
[[ $# -gt 0 ]] || set -- mvn -B verify
export -n WHITELISTGEN_REQUIRE_ALL WHITELISTGEN_SEEDS WHITELISTGEN_RFC7208_SUITE 2>/dev/null || true
unset WHITELISTGEN_REQUIRE_ALL WHITELISTGEN_SEEDS WHITELISTGEN_RFC7208_SUITE
exec unshare -m bash -c '
	set -e
	for file in '"$hide"'; do [[ -e "$file" ]] && mount --bind /dev/null "$file" 2>/dev/null || true; done
	[[ -d /opt/whitelist-gen-test ]] && mount -t tmpfs none /opt/whitelist-gen-test
	[[ -d src/test/powershell/node_modules ]] && mount -t tmpfs none src/test/powershell/node_modules
	exec "$@"' bare-machine "$@"
