#!/usr/bin/env bash
# Exim for the exim target's tests. Debian's exim4-daemon-light conflicts with postfix as a package (both are
# the system MTA), so it is unpacked, not installed: the tests run only its binary, with -C on a configuration
# they write (-bV parses, -bh simulates an SMTP session without network). Its libraries come from
# .ci/apt-packages.txt (libidn12); the binary is built to run as the Debian-exim user, created here.
set -euo pipefail

dest=/opt/whitelist-gen-test/exim
packages="exim4-daemon-light exim4-config"

if ! getent passwd Debian-exim >/dev/null; then
	# the same account exim4-base's postinst makes
	adduser --system --group --quiet --home /var/spool/exim4 --no-create-home --disabled-login --force-badname Debian-exim
fi

wanted=$(apt-cache policy exim4-daemon-light | awk '/Candidate:/ {print $2}')
if [[ -x "$dest/usr/sbin/exim4" && -f "$dest/.version" && "$(cat "$dest/.version")" == "$wanted" ]]; then
	echo "exim $wanted already unpacked in $dest"
	exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
chown _apt "$work" 2>/dev/null || true
if ! apt-get download -qq $packages 2>/dev/null; then
	apt-get update -qq
	apt-get download -qq $packages
fi
rm -rf "$dest"
mkdir -p "$dest"
for deb in ./*.deb; do
	dpkg-deb -x "$deb" "$dest"
done
"$dest/usr/sbin/exim4" -C /dev/null -bV >/dev/null
wanted=$(dpkg-deb -f ./exim4-daemon-light_*.deb Version)
echo "$wanted" > "$dest/.version"
echo "exim $wanted unpacked in $dest"
