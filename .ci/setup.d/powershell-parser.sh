#!/usr/bin/env bash
# Installs the test-only PowerShell parser (tree-sitter-powershell's wasm grammar, run by web-tree-sitter in
# node; no native build) from the committed lock file. PowerShellTargetsTest calls it.
set -euo pipefail
cd "$(dirname "$0")/../../src/test/powershell"
if [[ ! -f node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm || package-lock.json -nt node_modules/.package-lock.json ]]; then
	npm ci --no-audit --no-fund
fi
