#!/bin/sh
[#import "/_common/header.ftl" as h]
[#include "_names.ftl"]
[@h.header c="#" title="Read-only: prints the Gmail Email allowlist in force and which Netigate IPs it lacks" apply=[
  "Run:  sh verify-allowlist.sh",
  "With GAM (https://github.com/GAM-team/GAM) installed and authorised, it uses:",
  "  gam print policies filter \"setting.type.matches('settings/gmail.email_spam_filter_ip_allowlist')\" formatjson",
  "Otherwise it calls the Cloud Identity Policy API (policies.list, GET only) with curl and a super",
  "administrator's token in GOOGLE_ACCESS_TOKEN (for example: gcloud auth print-access-token), with scope",
  "https://www.googleapis.com/auth/cloud-identity.policies.readonly.",
  "It changes nothing. Exit 0: every IP is listed; 1: some are missing; 2: could not read the setting.",
  "API: https://cloud.google.com/identity/docs/reference/rest/v1/policies/list",
  "Settings: https://cloud.google.com/identity/docs/concepts/supported-policy-api-settings"] /]
set -eu

expected=[=sh(ipList?join(" "))]
filter="setting.type.matches('settings/gmail.email_spam_filter_ip_allowlist')"
api=${CLOUD_IDENTITY_API:-https://cloudidentity.googleapis.com}

if [ -z "${GOOGLE_ACCESS_TOKEN:-}" ] && command -v gam >/dev/null 2>&1; then
	policies=$(gam print policies filter "$filter" formatjson) || { echo "verify-allowlist.sh: gam could not read the policies" >&2; exit 2; }
elif [ -n "${GOOGLE_ACCESS_TOKEN:-}" ]; then
	policies=$(curl --silent --show-error --fail --max-time 30 --get \
		--header "Authorization: Bearer $GOOGLE_ACCESS_TOKEN" \
		--data-urlencode "filter=$filter" "$api/v1/policies") \
		|| { echo "verify-allowlist.sh: the Policy API call failed (token, scope or super administrator rights?)" >&2; exit 2; }
else
	echo "verify-allowlist.sh: install GAM, or set GOOGLE_ACCESS_TOKEN to a super administrator's access token" >&2
	exit 2
fi

# The addresses listed in the policy's allowlist value, one per line (IPv4/IPv6, optionally /prefix).
listed=$(printf '%s\n' "$policies" | tr -d ' \t\r' | tr ',' '\n' | tr -d '"[]{}' \
	| sed -n 's/^.*[Aa]llowed_*[Ii]p_*[Aa]ddresses://p; /^[0-9a-fA-F.:]*[.:][0-9a-fA-F.:]*\(\/[0-9]*\)\{0,1\}$/p' | sort -u)

echo "Email allowlist in force:"
if [ -n "$listed" ]; then printf '  %s\n' $listed; else echo "  (empty)"; fi

missing=""
for ip in $expected; do
	printf '%s\n' "$listed" | grep -qxF "$ip" || missing="$missing $ip"
done
if [ -n "$missing" ]; then
	echo "Missing Netigate IPs:$missing"
	exit 1
fi
echo "All Netigate IPs are listed:" $expected
