#!/usr/bin/env bash
# Wine's cmd for .ci/release-check.sh, which runs the portable zip's bin/whitelist-gen.cmd with stand-ins for
# java.exe. Only wine64 and its library, without Recommends: with them apt adds 88 packages (GStreamer, Mesa,
# VA-API drivers...) that a console program never loads. About 100 MB to download, 670 MB on disk; measured on
# CI's 2-core machine while busy: 56 s to install, then 21 s for Wine's first start (the release check's).
set -euo pipefail
if [[ -x /usr/lib/wine/wine64 ]]; then
	echo "wine64 already installed"
	exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -qq --no-install-recommends wine64; then
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends wine64
fi
