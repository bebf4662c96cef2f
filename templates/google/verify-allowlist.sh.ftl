#!/bin/sh
[#import "/_common/header.ftl" as h]
[#include "_names.ftl"]
[#assign steps = ["It reports each step of google-workspace-guide.md as done, not done or not checkable, in English:",
  "  step 1 (approved senders): reads the spam override rules (gmail.spam_override_lists), the address lists",
  "    (gmail.email_address_lists) and which rules are on (gmail.rule_states); done when a rule that is on bypasses",
  "    spam filters for selected senders through a list holding each Netigate domain with Authentication required."]]
[#if ipAllowList]
[#assign steps = steps + [
  "  step 2 (Email allowlist): reads the allowlist in force and checks that an entry covers each Netigate IP or network",
  "    (an entry may be a range such as 89.45.227.0/24: containment is tested, IPv4 and IPv6); an entry wider than a",
  "    /24 (IPv6: /48) still counts, with a warning that it admits far more than Netigate."]]
[#else]
[#assign steps = steps + [
  "  step 2 (Email allowlist) is not part of this guide (made without --ip-allow-list). When the allowlist can be read,",
  "    the script says whether Netigate IPs are in it anyway; that is information, not a failure."]]
[/#if]
[#if earlierNetworks?has_content || earlierSenders?has_content]
[#assign steps = steps + [
  "  earlier versions: an entry of an earlier profile version still in the Email allowlist or an approved senders",
  "    list that is on is \"not done\"."]]
[/#if]
[#if customerDomains?has_content]
[#assign steps = steps + ["  step 3 (SPF of your domains): not checked by this script (it reads no DNS), so it is \"not checkable\" and the",
  "    result is at best exit 2; the line says what the record must hold."]]
[/#if]
[@h.header c="#" title="Read-only check of the Google Workspace guide's steps (changes nothing)" apply=["Run:  sh verify-allowlist.sh"] + steps + [
  "",
  "Exit 0: every step the guide asks for is done; 1: a step is not done; 2: a step could not be checked by script (it",
  "names which; \"nothing could be checked by script\" when none could), an internal error (with its message), or",
  "CLOUD_IDENTITY_API (an endpoint override for tests) is not https://cloudidentity.googleapis.com or",
  "http://127.0.0.1:PORT or http://[::1]:PORT, in which case nothing is sent.",
  "",
  "The settings are read through the Cloud Identity Policy API (policies.list, GET only), which only super",
  "administrators may use, either way:",
  "  - GAM7 7.00.27 or later (gam print policies), authorised with the Cloud Identity Policy scope",
  "    (gam oauth create, scope \"Cloud Identity - Policy\"); used when GOOGLE_ACCESS_TOKEN is not set.",
  "  - or curl with an access token in GOOGLE_ACCESS_TOKEN for the scope",
  "    https://www.googleapis.com/auth/cloud-identity.policies.readonly, from a Google Cloud project with the Cloud",
  "    Identity API enabled (gcloud services enable cloudidentity.googleapis.com --project PROJECT_ID), then either",
  "      a) your own OAuth client of type Desktop app (Google Auth Platform > Clients in that project), its JSON saved:",
  "         gcloud auth application-default login --client-id-file=client.json \\",
  "           --scopes=https://www.googleapis.com/auth/cloud-platform,https://www.googleapis.com/auth/cloud-identity.policies.readonly",
  "         gcloud auth application-default set-quota-project PROJECT_ID",
  "         GOOGLE_ACCESS_TOKEN=$(gcloud auth application-default print-access-token) GOOGLE_QUOTA_PROJECT=PROJECT_ID \\",
  "           sh verify-allowlist.sh",
  "         (gcloud's own OAuth client: since 23 June 2025 it grants only Google Cloud scopes to this command, per",
  "         Google's notice quoted in https://github.com/gcpug/nouhau/issues/124), or",
  "      b) a service account with domain-wide delegation of that scope (Admin console > Security > Access and data",
  "         control > API controls), acting as a super administrator, as Google's Policy API setup describes.",
  "    Google's setup page also asks for billing to be enabled on the project. The token goes to curl on standard",
  "    input, not in its arguments, so other users cannot see it in the process list; with GOOGLE_QUOTA_PROJECT set",
  "    the request carries X-Goog-User-Project, which user credentials may need.",
  "Settings read: gmail.email_spam_filter_ip_allowlist (allowedIpAddresses; none returned means an empty allowlist),",
  "gmail.spam_override_lists, gmail.email_address_lists and gmail.rule_states, with the fields CISA's ScubaGoggles",
  "reads through the same v1 API (scubagoggles/policy_api.py, parsers/gmail_rules_parser.py). Whether Google's",
  "supported-settings page lists the last three was not confirmed, so when the API returns no spam override rule,",
  "step 1 is \"not checkable\" and the script says what to check in the console.",
  "Policy API: https://cloud.google.com/identity/docs/reference/rest/v1/policies/list (scopes: same page),",
  "  https://cloud.google.com/identity/docs/how-to/setup-policies, https://cloud.google.com/identity/docs/concepts/overview-policies",
  "Settings: https://cloud.google.com/identity/docs/concepts/supported-policy-api-settings;",
  "  https://github.com/cisagov/ScubaGoggles",
  "gcloud: https://cloud.google.com/sdk/gcloud/reference/auth/application-default/login (--client-id-file),",
  "  https://cloud.google.com/sdk/gcloud/reference/auth/application-default/print-access-token (X-Goog-User-Project)",
  "GAM7: https://github.com/GAM-team/GAM/wiki/Cloud-Identity-Policies (print policies: GamUpdates, 7.00.27)",
  "Email allowlist (CIDR ranges accepted): https://support.google.com/a/answer/60751"] /]
[#if ipAllowList]
[@h.ipCaveat c="#" /]
[/#if]
set -u

internal() {
	echo "verify-allowlist.sh: internal error: $*. Nothing was concluded; please report this with the output above." >&2
	exit 2
}

ip_allow_list=[#if ipAllowList]yes[#else]no[/#if]
expected=[=sh(ipList(" "))]
senders=[=sh(server.senderDomains?join(" "))]
# Entries of earlier profile versions that this version no longer lists: ENTRY=VERSION.
earlier_networks=[=sh(earlierNetworks?map(n -> n.text + "=" + n.version)?join(" "))]
earlier_senders=[=sh(earlierSenders?map(d -> d.name + "=" + d.version)?join(" "))]
domains=[=sh(customerDomains?join(" "))]
include=[=sh(server.spfInclude)]
rule=[=sh(ruleName)]
list=[=sh(addressListName)]
filter="setting.type.matches('settings/gmail.*')"

# CLOUD_IDENTITY_API exists for tests against a loopback stand-in. It receives the token, so only Google's endpoint or
# plain loopback with a port and at most a path: nothing that curl could read as user info (@), query or fragment.
api=${CLOUD_IDENTITY_API:-https://cloudidentity.googleapis.com}
endpoint_allowed() {
	case $1 in
	https://cloudidentity.googleapis.com) return 0 ;;
	http://127.0.0.1:*) rest=${1#http://127.0.0.1:} ;;
	http://\[::1\]:*) rest=${1#'http://[::1]:'} ;;
	*) return 1 ;;
	esac
	port=${rest%%/*}
	path=${rest#"$port"}
	case $port in '' | *[!0-9]*) return 1 ;; esac
	case $path in '' | /*) ;; *) return 1 ;; esac
	case $path in *[!A-Za-z0-9/._-]*) return 1 ;; esac
	return 0
}
if ! endpoint_allowed "$api"; then
	echo "CLOUD_IDENTITY_API must be https://cloudidentity.googleapis.com (or http://127.0.0.1:PORT for a test); not sending the token to $api" >&2
	exit 2
fi

# JSON, or GAM's CSV holding one policy's JSON a line, as "path<TAB>value" lines: .policies[N].setting.type<TAB>...
# Policies of several documents (pages) are numbered on.
flatten='
[#include "/_common/json-flatten.awk" parse=false]
{ text = text $0 "\n" }
END {
	if (text !~ /^[ \t\r\n]*([{]|$)/) {
		n = split(text, lines, "\n"); text = ""
		for (i = 2; i <= n; i++) {
			j = index(lines[i], ",\"")
			if (!j) continue
			obj = substr(lines[i], j + 2); sub(/"\r?$/, "", obj); gsub(/""/, "\"", obj)
			text = text (text == "" ? "" : ",") obj
		}
		text = "{\"policies\":[" text "]}"
	}
	s = text; len = length(s); pos = 1; base = 0; numbered = ".policies"
	while (1) {
		skip()
		if (pos > len) break
		added = 0; value("")
		if (bad) { print "not the JSON expected, at character " pos > "/dev/stderr"; exit 3 }
		base += added
	}
}'

# The Gmail policies, through the Policy API with a token, else GAM7; empty with a reason when neither works.
policies=""
reason=""
if [ -n "${GOOGLE_ACCESS_TOKEN:-}" ]; then
	headers="Authorization: Bearer $GOOGLE_ACCESS_TOKEN"
	if [ -n "${GOOGLE_QUOTA_PROJECT:-}" ]; then
		headers="$headers
X-Goog-User-Project: $GOOGLE_QUOTA_PROJECT"
	fi
	page_token=""
	pages=0
	while :; do
		# No --fail: Google's error body (error.message) says why a call was refused; the status comes last.
		if [ -n "$page_token" ]; then
			response=$(printf '%s\n' "$headers" | curl --silent --show-error --max-time 30 --get --header @- \
				--write-out '\n%{http_code}' --data-urlencode "filter=$filter" --data-urlencode "pageToken=$page_token" "$api/v1/policies")
		else
			response=$(printf '%s\n' "$headers" | curl --silent --show-error --max-time 30 --get --header @- \
				--write-out '\n%{http_code}' --data-urlencode "filter=$filter" "$api/v1/policies")
		fi || { reason="curl could not reach the Policy API (see its message above)"; break; }
		status=${response##*"
"}
		body=${response%"$status"}
		if [ "$status" != 200 ]; then
			message=$(printf '%s\n' "$body" | awk "$flatten" 2>/dev/null | awk -F '\t' '$1 == ".error.message" { print $2; exit }')
			message=${message%.}
			reason="the Policy API answered HTTP $status: ${message:-no error message} (check the token and its scope, the quota project and its billing, that the Cloud Identity API is enabled, and that the token is a super administrator's)"
			break
		fi
		policies="$policies$body"
		page_token=$(printf '%s\n' "$body" | awk "$flatten" 2>/dev/null | awk -F '\t' '$1 == ".nextPageToken" { print $2; exit }')
		[ -n "$page_token" ] || break
		pages=$((pages + 1))
		[ "$pages" -lt 50 ] || { reason="the Policy API kept sending pages (50 read)"; break; }
	done
elif command -v gam >/dev/null 2>&1; then
	policies=$(gam print policies filter "$filter" formatjson) \
		|| reason="gam print policies failed (GAM7 7.00.27 or later, with the Cloud Identity Policy scope authorised?)"
else
	reason="neither GOOGLE_ACCESS_TOKEN is set nor gam is installed"
fi
flat=""
if [ -z "$reason" ]; then
	flat=$(printf '%s\n' "$policies" | awk "$flatten") || reason="the answer could not be read (see the message above)"
fi

# Judges each step from the flattened policies and prints the report; exits 10, 11 or 12 for the script's 0, 1 or 2.
printf '%s\n' "$flat" | awk -F '\t' -v reason="$reason" -v expected="$expected" -v senders="$senders" \
	-v earlier_networks="$earlier_networks" -v earlier_senders="$earlier_senders" -v ip_allow_list="$ip_allow_list" \
	-v domains="$domains" -v include="$include" -v rule="$rule" -v list="$list" -v q="'" '
function pow2(n,   p) { p = 1; while (n-- > 0) p *= 2; return p }
function pad(g) { if (length(g) < 1 || length(g) > 4 || g ~ /[^0-9a-f]/) badv6 = 1; while (length(g) < 4) g = "0" g; return g }
function v6(a,   d, left, right, nl, nr, l, r, i, out, missing) {
	a = tolower(a); badv6 = 0
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
	return (badv6 || length(out) != 32) ? "" : out
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
	if (ek == "4") { shift = pow2(32 - ep); return int(ev / shift) == int(nv / shift) }
	whole = int(ep / 4); rest = ep % 4
	if (substr(ev, 1, whole) != substr(nv, 1, whole)) return 0
	if (rest == 0) return 1
	shift = pow2(4 - rest)
	return int(nibble(substr(ev, whole + 1, 1)) / shift) == int(nibble(substr(nv, whole + 1, 1)) / shift)
}
# The first allowlist entry that contains the network, or "".
function coveredBy(network,   i) {
	parse(network)
	for (i = 1; i <= entries; i++) if (covers(ek[i], ev[i], ep[i], kind, value, prefix)) return entry[i]
	return ""
}
function wide(i) { return ep[i] < (ek[i] == "4" ? 24 : 48) }
# The number in "[N]" after ".name" in a path, or -1.
function nth(path, name,   i) { i = index(path, "." name "["); return i ? substr(path, i + length(name) + 2) + 0 : -1 }
# "ENTRY=VERSION ..." as " ENTRY (profile version VERSION),".
function listing(pairs,   c, i, x, y, out) {
	c = split(pairs, x, " ")
	for (i = 1; i <= c; i++) { split(x[i], y, "="); out = out " " y[1] " (profile version " y[2] ")" (i < c ? "," : "") }
	return out
}
function off(id) { return (id in state) && state[id] == "false" }
function verdict(step, outcome, text) {
	print text
	if (outcome == "not done") { notDone = notDone (notDone == "" ? "" : ", ") step }
	else if (outcome == "not checkable") { unchecked = unchecked (unchecked == "" ? "" : ", ") step }
	else checked++
}
NF >= 2 {
	p = $1; sub(/^\.policies\[/, "", p); p += 0
	r = $1; sub(/^\.policies\[[0-9]+\]/, "", r)
	n++; lp[n] = p; lr[n] = r; lv[n] = $2
	if (r == ".setting.type") { t = $2; sub(/^settings\//, "", t); type[p] = t }
	if (r == ".policyQuery.orgUnit") ou[p] = $2
}
END {
	for (i = 1; i <= n; i++) {
		t = type[lp[i]]; r = lr[i]; v = lv[i]; key = lp[i] SUBSEP nth(r, t == "gmail.rule_states" ? "ruleStates" : t == "gmail.spam_override_lists" ? "spamOverride" : "emailAddressList")
		if (t == "gmail.email_spam_filter_ip_allowlist" && r ~ /^\.setting\.value\.allowedIpAddresses\[[0-9]+\]$/) {
			readAllowlist = 1
			gsub(/[ "]/, "", v); c = split(v, parts, ",")
			for (j = 1; j <= c; j++) if (parts[j] != "" && !(parts[j] in seen)) { seen[parts[j]] = 1; parse(parts[j]); if (kind != "") { entries++; entry[entries] = parts[j]; ek[entries] = kind; ev[entries] = value; ep[entries] = prefix } }
		} else if (t == "gmail.rule_states") {
			if (r ~ /\.ruleId$/) stateId[key] = v; else if (r ~ /\.enabled$/) stateOn[key] = v
		} else if (t == "gmail.spam_override_lists") {
			readOverrides = 1
			if (r ~ /\]\.ruleId$/) ruleId[key] = v
			else if (r ~ /\]\.description$/) ruleText[key] = v
			else if (r ~ /\]\.bypassSelectedSenders$/) bypass[key] = v
			else if (r ~ /\.bypassSenderAllowlist\[[0-9]+\]$/) { rules[key] = 1; uses[key, v] = 1 }
		} else if (t == "gmail.email_address_lists") {
			a = nth(r, "address")
			if (r ~ /\]\.id$/) listId[key] = v
			else if (r ~ /\]\.name$/) listName[key] = v
			else if (r ~ /\.addressList\.address\[[0-9]+\]\.address$/) { addr[key, a] = tolower(v); count[key] = a > count[key] ? a : count[key]; lists[key] = 1 }
			else if (r ~ /\.addressList\.address\[[0-9]+\]\.requireAddressVerification$/) auth[key, a] = v
		}
	}
	for (k in stateId) state[stateId[k]] = stateOn[k]

	# Step 1: a rule that is on, bypassing for selected senders, through a list that is on, holding the domain.
	want = split(senders, domain, " ")
	for (k in rules) {
		if (bypass[k] != "true" || off(ruleId[k])) continue
		split(k, kp, SUBSEP)
		for (l in lists) {
			if (!((k, listId[l]) in uses) || off(listId[l])) continue
			for (a = 0; a <= count[l]; a++) {
				for (d = 1; d <= want; d++) if (addr[l, a] == domain[d]) {
					if (auth[l, a] == "true") okBy[d] = "rule " q ruleText[k] q (kp[1] in ou ? " (" ou[kp[1]] ")" : "") ", list " q listName[l] q
					else noAuth[d] = "list " q listName[l] q
				}
				if (earlier_senders != "") { c = split(earlier_senders, es, " "); for (e = 1; e <= c; e++) { split(es[e], ev2, "="); if (addr[l, a] == ev2[1]) stillSender = stillSender " " ev2[1] " (profile version " ev2[2] ", list " q listName[l] q ")" } }
			}
		}
	}
	console = "Check in the Admin console, Menu > Apps > Google Workspace > Gmail > Spam, Phishing and Malware > Spam:\n  the rule " q rule q " bypasses spam filters for the list " q list q ",\n  which holds " senders ", each with Authentication required on."
	if (reason != "") verdict("step 1", "not checkable", "Step 1, approved senders: not checkable: " reason ".\n  " console)
	else if (!readOverrides) verdict("step 1", "not checkable", "Step 1, approved senders: not checkable by script: the Policy API returned no spam override rule (none is set, or it is not exposed to this reader).\n  " console)
	else {
		missing1 = ""; done1 = ""
		for (d = 1; d <= want; d++) {
			if (d in okBy) done1 = done1 "\n  " domain[d] ": " okBy[d] ", Authentication required on"
			else if (d in noAuth) missing1 = missing1 "\n  " domain[d] " is in " noAuth[d] " without Authentication required: turn it on for the entry"
			else missing1 = missing1 "\n  " domain[d] " is in no approved senders list of a rule that is on and bypasses spam filters"
		}
		if (missing1 != "") verdict("step 1", "not done", "Step 1, approved senders: not done." missing1 (done1 == "" ? "" : done1) "\n  " console)
		else verdict("step 1", "done", "Step 1, approved senders: done." done1)
	}

	# Step 2: the Email allowlist.
	count2 = split(expected, want2, " ")
	covered = ""; missing2 = ""; warn = ""
	for (j = 1; j <= count2; j++) {
		by = coveredBy(want2[j])
		if (by == "") { missing2 = missing2 " " want2[j]; continue }
		covered = covered (covered == "" ? "" : ", ") want2[j] " (by " by ")"
		for (i = 1; i <= entries; i++) if (entry[i] == by && wide(i) && !(by in warned)) {
			warned[by] = 1
			warn = warn "\n  Warning: the entry " by " admits far more than Netigate (" (ek[i] == "4" ? sprintf("%.0f addresses", pow2(32 - ep[i])) : "a /" ep[i] " of IPv6") "); replace it with Netigate" q "s IPs."
		}
	}
	inForce = ""
	for (i = 1; i <= entries; i++) inForce = inForce " " entry[i]
	if (ip_allow_list == "yes") {
		if (reason != "") verdict("step 2", "not checkable", "Step 2, Email allowlist: not checkable: " reason ".")
		else if (missing2 != "") verdict("step 2", "not done", "Step 2, Email allowlist: not done. No entry covers:" missing2 (covered == "" ? "" : "\n  Covered: " covered) warn)
		else verdict("step 2", "done", "Step 2, Email allowlist: done. Covered: " covered warn)
		if (reason == "") print "  Entries in force:" (inForce == "" ? " (none)" : inForce)
	} else if (reason != "") print "Step 2, Email allowlist: not part of this guide (made without --ip-allow-list); not read: " reason "."
	else if (covered != "") print "Step 2, Email allowlist: not part of this guide, yet the allowlist covers Netigate IPs: " covered ".\n  It lets any sender on them past the spam filter; remove them unless you chose that." warn
	else print "Step 2, Email allowlist: not part of this guide (made without --ip-allow-list), and no Netigate IP is in it."

	# Entries of earlier versions: gone from the allowlist and the approved senders lists.
	if (earlier_networks != "" || earlier_senders != "") {
		still = ""
		c = split(earlier_networks, en, " ")
		for (e = 1; e <= c; e++) { split(en[e], parts, "="); by = coveredBy(parts[1]); if (by != "") still = still "\n  The Email allowlist still admits " parts[1] " (profile version " parts[2] ") by the entry " by ": remove it." }
		if (stillSender != "") still = still "\n  An approved senders list still holds:" stillSender ": remove it."
		if (reason != "") verdict("earlier versions", "not checkable", "Earlier versions: not checkable: " reason ".\n  Check in the console that the Email allowlist and the approved senders lists hold none of:" listing(earlier_networks) listing(earlier_senders))
		else if (still != "") verdict("earlier versions", "not done", "Earlier versions: not done." still)
		else if (earlier_senders != "" && !readOverrides) verdict("earlier versions", "not checkable", "Earlier versions: not checkable by script: the Email allowlist holds none of their IPs, but no spam override rule was returned; check in the console that no approved senders list holds:" listing(earlier_senders))
		else verdict("earlier versions", "done", "Earlier versions: done. No entry of an earlier version is left.")
	}

	# The script reads no DNS, so step 3 stays open: a guide with it is never reported as all done.
	c = split(domains, dd, " ")
	spf = ""
	for (d = 1; d <= c; d++) spf = spf (d > 1 ? "\n" : "") "Step 3, SPF of " dd[d] ": not checked by this script; its v=spf1 TXT record must hold " (include != "" ? "include:" include : "Netigate" q "s IPs (" expected ")") ", as the guide says."
	if (c) verdict("step 3", "not checkable", spf)
	where = !c ? "in the console" : unchecked == "step 3" ? "in DNS" : "in the console and in DNS"

	if (notDone != "") { print "Result: not done: " notDone "."; exit 11 }
	if (checked == 0) { print "Result: nothing could be checked by script; check " unchecked " " where " as shown above."; exit 12 }
	if (unchecked != "") { print "Result: " unchecked " could not be checked by script; check it " where " as shown above. The other steps are done."; exit 12 }
	print "Result: every step of this guide is done."
	exit 10
}'
verdict=$?
case $verdict in
10) exit 0 ;;
11) exit 1 ;;
12) exit 2 ;;
*) internal "the report could not be made (awk exited with $verdict)" ;;
esac
