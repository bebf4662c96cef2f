#!/bin/sh
[#import "/_common/header.ftl" as h]
[#include "_names.ftl"]
[#assign steps = ["It reports each step of google-workspace-guide.md as done, not done or not checkable:",
  "  step 1 (approved senders): not checkable by script. The Cloud Identity Policy API, which reads Gmail settings,",
  "    documents no setting for approved senders lists, so the script says what to check in the Admin console."]]
[#if ipAllowList]
[#assign steps = steps + [
  "  step 2 (Email allowlist): reads the allowlist in force and checks that an entry covers each Netigate IP or network",
  "    (an entry may be a range such as 89.45.227.0/24: containment is tested, IPv4 and IPv6)."]]
[#else]
[#assign steps = steps + [
  "  step 2 (Email allowlist) is not part of this guide (made without --ip-allow-list). When the allowlist can be read,",
  "    the script says whether Netigate IPs are in it anyway; that is information, not a failure."]]
[/#if]
[#if customerDomains?has_content]
[#assign steps = steps + ["  step 3 (SPF of your domains): not checkable here; the script names the whitelist-gen check that does it."]]
[/#if]
[@h.header c="#" title="Read-only check of the Google Workspace guide's steps (changes nothing)" apply=["Run:  sh verify-allowlist.sh"] + steps + [
  "",
  "Reading the Email allowlist, either way with a super administrator (only super administrators may use the Policy API):",
  "  - GAM7 7.00.27 or later (gam print policies), authorised with the Cloud Identity Policy scope",
  "    (gam oauth create, scope \"Cloud Identity - Policy\"); used when GOOGLE_ACCESS_TOKEN is not set.",
  "  - or curl with an access token in GOOGLE_ACCESS_TOKEN for the Cloud Identity Policy API (policies.list, GET only).",
  "    The API must be enabled in a Google Cloud project (Cloud Identity API), which is also the quota project:",
  "      gcloud services enable cloudidentity.googleapis.com --project PROJECT_ID",
  "      gcloud auth application-default login --scopes=https://www.googleapis.com/auth/cloud-platform,https://www.googleapis.com/auth/cloud-identity.policies.readonly",
  "      gcloud auth application-default set-quota-project PROJECT_ID",
  "      GOOGLE_ACCESS_TOKEN=$(gcloud auth application-default print-access-token) GOOGLE_QUOTA_PROJECT=PROJECT_ID sh verify-allowlist.sh",
  "    The API accepts only the scopes cloud-identity.policies.readonly and cloud-identity.policies; gcloud auth",
  "    print-access-token (without application-default) takes no --scopes. With GOOGLE_QUOTA_PROJECT set the request",
  "    carries X-Goog-User-Project, which user credentials may need. The token goes to curl on standard input, not in",
  "    its arguments, so other users cannot see it in the process list.",
  "Exit 0: no step is not done (step 1 still needs the look in the console); 1: a step is not done;",
  "2: a step this guide asks for could not be checked (the allowlist could not be read), or CLOUD_IDENTITY_API (an",
  "endpoint override for tests) is neither https:// nor loopback, in which case nothing is sent.",
  "Policy API: https://cloud.google.com/identity/docs/reference/rest/v1/policies/list (scopes: same page),",
  "  https://cloud.google.com/identity/docs/how-to/setup-policies, https://cloud.google.com/identity/docs/concepts/overview-policies",
  "Settings it reads: https://cloud.google.com/identity/docs/concepts/supported-policy-api-settings",
  "gcloud: https://cloud.google.com/sdk/gcloud/reference/auth/application-default/login,",
  "  https://cloud.google.com/sdk/gcloud/reference/auth/application-default/print-access-token (X-Goog-User-Project)",
  "GAM7: https://github.com/GAM-team/GAM/wiki/Cloud-Identity-Policies (print policies: GamUpdates, 7.00.27)",
  "Email allowlist (CIDR ranges accepted): https://support.google.com/a/answer/60751"] /]
[#if ipAllowList]
[@h.ipCaveat c="#" /]
[/#if]
set -eu

ip_allow_list=[#if ipAllowList]yes[#else]no[/#if]
expected=[=sh(ipList?join(" "))]
rule=[=sh(ruleName)]
list=[=sh(addressListName)]
senders=[=sh(server.senderDomains?join(", "))]
filter="setting.type.matches('settings/gmail.email_spam_filter_ip_allowlist')"
# CLOUD_IDENTITY_API exists for tests against a loopback stand-in. It receives the token, so it must be HTTPS or loopback:
# a stray value cannot send the token in clear text to another host.
api=${CLOUD_IDENTITY_API:-https://cloudidentity.googleapis.com}
case $api in
https://* | http://127.0.0.1:* | http://\[::1\]:*) ;;
*) echo "CLOUD_IDENTITY_API must start with https:// (or http://127.0.0.1: for a test); not sending the token to $api" >&2; exit 2 ;;
esac
not_done=0
unchecked=0

echo "Step 1, approved senders: not checkable by script (the Policy API documents no setting for approved senders lists)."
echo "  Check in the Admin console, Menu > Apps > Google Workspace > Gmail > Spam, Phishing and Malware > Spam:"
echo "  the rule '$rule' bypasses spam filters for the list '$list',"
echo "  which holds $senders, each with Authentication required on."

# The Email allowlist policy, through the Policy API with a token, else GAM7; empty with a reason when neither works.
policies=""
reason=""
if [ -n "${GOOGLE_ACCESS_TOKEN:-}" ]; then
	headers="Authorization: Bearer $GOOGLE_ACCESS_TOKEN"
	if [ -n "${GOOGLE_QUOTA_PROJECT:-}" ]; then
		headers="$headers
X-Goog-User-Project: $GOOGLE_QUOTA_PROJECT"
	fi
	policies=$(printf '%s\n' "$headers" | curl --silent --show-error --fail --max-time 30 --get --header @- \
		--data-urlencode "filter=$filter" "$api/v1/policies") \
		|| reason="the Policy API call failed (token, scope, quota project, API not enabled, or not a super administrator?)"
elif command -v gam >/dev/null 2>&1; then
	policies=$(gam print policies filter "$filter" formatjson) \
		|| reason="gam print policies failed (GAM7 7.00.27 or later, with the Cloud Identity Policy scope authorised?)"
else
	reason="neither GOOGLE_ACCESS_TOKEN is set nor gam is installed"
fi

# Entries of allowedIpAddresses (JSON, or GAM's CSV with doubled quotes), one per line.
# Brackets become <> first: awks differ in how they read "]" inside a bracket expression. They are given to tr in
# octal, because some tr implementations read a "[" in an operand as the start of a character class.
listed=$(printf '%s\n' "$policies" | tr -d '\r\n' | tr '\133\135' '<>' | awk '{
	s = $0
	while (match(s, /[Aa]llowed_?[Ii]p_?[Aa]ddresses[^<]*<[^>]*>/)) {
		part = substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH)
		sub(/^[^<]*</, "", part); sub(/>$/, "", part); gsub(/[" \t]/, "", part)
		n = split(part, entries, ",")
		for (i = 1; i <= n; i++) if (entries[i] != "") print entries[i]
	}
}' | sort -u)

# For each expected network: the first listed entry that contains it, or "-" (IPv4 and IPv6, any prefix).
coverage=$(printf '%s\n' "$listed" | awk -v expected="$expected" '
function pad(g) { if (length(g) < 1 || length(g) > 4 || g ~ /[^0-9a-f]/) bad = 1; while (length(g) < 4) g = "0" g; return g }
function v6(a,   d, left, right, nl, nr, l, r, i, out, missing) {
	a = tolower(a); bad = 0
	if (a !~ /^[0-9a-f:]+$/) return ""
	d = index(a, "::")
	if (d) { left = substr(a, 1, d - 1); right = substr(a, d + 2) } else { left = a; right = "" }
	nl = left == "" ? 0 : split(left, l, ":"); nr = right == "" ? 0 : split(right, r, ":")
	missing = d ? 8 - nl - nr : 0
	if ((d && missing < 1) || (!d && nl != 8)) return ""
	out = ""
	for (i = 1; i <= nl; i++) out = out pad(l[i])
	for (i = 1; i <= missing; i++) out = out "0000"
	for (i = 1; i <= nr; i++) out = out pad(r[i])
	return (bad || length(out) != 32) ? "" : out
}
function v4(a,   p, i, x) {
	if (split(a, p, ".") != 4) return -1
	x = 0
	for (i = 1; i <= 4; i++) { if (p[i] !~ /^[0-9]+$/ || p[i] + 0 > 255) return -1; x = x * 256 + p[i] }
	return x
}
# Splits "address[/prefix]" into kind ("4", "6" or ""), value and prefix.
function parse(text,   slash, addr) {
	slash = index(text, "/"); addr = slash ? substr(text, 1, slash - 1) : text
	kind = ""; prefix = -1
	if (addr ~ /:/) { value = v6(addr); if (value != "") { kind = "6"; prefix = 128 } }
	else { value = v4(addr); if (value >= 0) { kind = "4"; prefix = 32 } }
	if (kind != "" && slash) {
		prefix = substr(text, slash + 1)
		if (prefix !~ /^[0-9]+$/ || prefix + 0 > (kind == "4" ? 32 : 128)) kind = ""
		prefix += 0
	}
}
function nibble(c) { return index("0123456789abcdef", c) - 1 }
function covers(ek, ev, ep, nk, nv, np,   whole, rest, shift) {
	if (ek != nk || ep > np) return 0
	if (ek == "4") { shift = 2 ^ (32 - ep); return int(ev / shift) == int(nv / shift) }
	whole = int(ep / 4); rest = ep % 4
	if (substr(ev, 1, whole) != substr(nv, 1, whole)) return 0
	if (rest == 0) return 1
	shift = 2 ^ (4 - rest)
	return int(nibble(substr(ev, whole + 1, 1)) / shift) == int(nibble(substr(nv, whole + 1, 1)) / shift)
}
NF { parse($0); if (kind != "") { n++; text[n] = $0; ek[n] = kind; ev[n] = value; ep[n] = prefix } }
END {
	count = split(expected, want, " ")
	for (j = 1; j <= count; j++) {
		parse(want[j]); by = "-"
		for (i = 1; i <= n && by == "-"; i++) if (covers(ek[i], ev[i], ep[i], kind, value, prefix)) by = text[i]
		print want[j], by
	}
}')
covered=$(printf '%s\n' "$coverage" | awk '$2 != "-" { printf "%s%s (by %s)", sep, $1, $2; sep = ", " }')
missing=$(printf '%s\n' "$coverage" | awk '$2 == "-" { printf "%s%s", sep, $1; sep = " " }')

if [ "$ip_allow_list" = yes ]; then
	if [ -n "$reason" ]; then
		echo "Step 2, Email allowlist: not checkable: $reason."
		unchecked=1
	elif [ -n "$missing" ]; then
		echo "Step 2, Email allowlist: not done. No entry covers: $missing"
		[ -z "$covered" ] || echo "  Covered: $covered"
		not_done=1
	else
		echo "Step 2, Email allowlist: done. Covered: $covered"
	fi
	[ -n "$reason" ] || printf '  Entries in force: %s\n' "$(printf '%s\n' "${listed:-(none)}" | paste -s -d ' ' -)"
elif [ -n "$reason" ]; then
	echo "Step 2, Email allowlist: not part of this guide (made without --ip-allow-list); not read: $reason."
elif [ -n "$covered" ]; then
	echo "Step 2, Email allowlist: not part of this guide, yet the allowlist covers Netigate IPs: $covered."
	echo "  It lets any sender on them past the spam filter; remove them unless you chose that."
else
	echo "Step 2, Email allowlist: not part of this guide (made without --ip-allow-list), and no Netigate IP is in it."
fi
[#list customerDomains as domain]
echo "Step 3, SPF of [=domain]: not checkable here; run: whitelist-gen check spf --domain [=domain] --server [=server.id]"
[/#list]

if [ "$not_done" -ne 0 ]; then
	echo "Result: a step is not done."
	exit 1
elif [ "$unchecked" -ne 0 ]; then
	echo "Result: a step of this guide could not be checked."
	exit 2
fi
echo "Result: no step is not done (check step 1 in the console as shown above)."
