#!/bin/sh
[#import "/_common/header.ftl" as h]
[#include "_names.ftl"]
[#-- Scenario 2 by API: one Anti-Spoofing SPF-Based Bypass policy per customer domain, limited to Netigate's IPs
     (sourceIPs) and to Netigate's SPF include (spfDomains). Always written, also without --domain: applied, it
     removes what an earlier run made (policies whose description starts with the narrative prefix), so the
     output of a run without --domain undoes it. Dry run unless --apply. --]
[#assign bypassSpfDomains = server.spfInclude?has_content?then([server.spfInclude], [])]
[@h.header c="#" title="Scenario 2 by Mimecast API 2.0: an Anti-Spoofing SPF-Based Bypass policy per own domain, limited to Netigate's IPs" apply=[
  "An alternative to the console steps of mimecast-guide.md, scenario 2 (the Anti-Spoofing Take No Action policy there):",
  "use one of the two, not both. Read that section first: it says what this policy lets through and what stays open.",
  "",
  "Run:  sh mimecast-antispoofing-bypass.sh             (dry run: prints every request; sends nothing)",
  "      sh mimecast-antispoofing-bypass.sh --apply     (sends them)",
  "      sh mimecast-antispoofing-bypass.sh --apply --remove   (undo: deletes this script's policies, creates none)",
  "With --apply it needs MIMECAST_CLIENT_ID and MIMECAST_CLIENT_SECRET in the environment: the Client ID and Secret of",
  "a Mimecast API 2.0 application whose role may edit gateway policies (Gateway | Policies | Edit). They go to curl on",
  "standard input, never into its arguments. Base URL https://api.services.mimecast.com (the one the sources below use;",
  "MIMECAST_API overrides it for tests against loopback only). Needs curl and a POSIX sh and awk.",
  "",
  "What --apply does, in this order (never more allowed at any moment than before or after):",
  "  1. POST /oauth/token (client credentials) for a bearer token;",
  "  2. POST /api/policy/antispoofing-bypass/get-policy, all pages: the Anti-Spoofing SPF-Based Bypass policies;",
  "  3. POST /api/policy/antispoofing-bypass/delete-policy for each whose description (narrative) starts with",
  "     '" + narrativePrefix + "': what an earlier run or profile version made; no other policy is touched;",
  "  4. POST /api/policy/antispoofing-bypass/create-policy for each of your domains below (none with --remove).",
  "Exit 0: done (or dry run); 1: Mimecast refused a request (its answer is shown; steps before it stay done: run again);",
  "2: a wrong argument, missing credentials, a MIMECAST_API that is not Mimecast's, or an answer that could not be read.",
  "",
  "Sources: request bodies and fields as in Mimecast's API reference for these endpoints",
  "  (https://integrations.mimecast.com/documentation/endpoint-reference/policies/antispoofing-spf-bypass/create-policy,",
  "  get-policy and delete-policy beside it;",
  "  https://integrations.mimecast.com/documentation/endpoint-reference/policies/address-alteration/update-policy for",
  "  fromPart both and the from/to types), written for API 1.0. API 2.0 takes the same paths with a bearer token from",
  "  /oauth/token as Cortex XSOAR's maintained Mimecast v2 integration does (demisto/content,",
  "  Packs/MimecastV2/Integrations/MimecastV2/MimecastV2.py: token_oauth2_request, create_antispoofing_bypass_policy_command;",
  "  https://xsoar.pan.dev/docs/reference/integrations/mimecast-v2); Mimecast's own API 2.0 reference",
  "  (developer.services.mimecast.com) could not be read for this script. sourceIPs are the policy's Source IP Ranges,",
  "  which let a policy apply based on source IP addresses",
  "  (https://mimecastsupport.zendesk.com/hc/en-us/articles/34000805058579-Email-Security-Cloud-Gateway-Mimecast-Policy-Validity)."] /]
[@h.ipCaveat c="#" /]
set -u

prefix=[=sh(narrativePrefix)]
domains=[=sh(customerDomains?join(" "))]
source_ips=[=sh(sourceRanges?join(" "))]
spf_domains=[=sh(bypassSpfDomains?join(" "))]

usage() {
	echo "usage: sh mimecast-antispoofing-bypass.sh [--apply] [--remove]" >&2
	exit 2
}
apply=no
remove=no
for argument in "$@"; do
	case $argument in
	--apply) apply=yes ;;
	--remove) remove=yes ;;
	*) usage ;;
	esac
done
if [ "$remove" = yes ] || [ -z "$spf_domains" ]; then
	domains=""
fi

# MIMECAST_API receives the client secret: only Mimecast's API host, or loopback with a port for tests.
api=${MIMECAST_API:-https://api.services.mimecast.com}
case $api in
https://api.services.mimecast.com) ;;
http://127.0.0.1:*)
	port=${api#http://127.0.0.1:}
	case $port in '' | *[!0-9]*) echo "MIMECAST_API must be https://api.services.mimecast.com; nothing sent to $api" >&2; exit 2 ;; esac
	;;
*) echo "MIMECAST_API must be https://api.services.mimecast.com; nothing sent to $api" >&2; exit 2 ;;
esac

json_string() {
	printf '"%s"' "$(printf '%s' "$1" | sed 's/[\\"]/\\&/g')"
}
json_list() {
	out=""
	for item in $1; do
		out="$out${out:+,}$(json_string "$item")"
	done
	printf '[%s]' "$out"
}
create_body() {
	printf '{"data":[{"option":"enable_bypass","policy":{"description":%s,"fromPart":"both","from":{"type":"email_domain","emailDomain":%s},"to":{"type":"internal_addresses"},"fromEternal":true,"toEternal":true,"enabled":true,"enforced":false,"override":false,"bidirectional":false,"conditions":{"spfDomains":%s,"sourceIPs":%s}}}]}' \
		"$(json_string "$prefix $1")" "$(json_string "$1")" "$(json_list "$spf_domains")" "$(json_list "$source_ips")"
}

if [ "$apply" = no ]; then
	echo "Dry run: nothing is sent. With --apply, against $api:"
	echo "POST $api/oauth/token  (form: client_id, client_secret, grant_type=client_credentials)"
	echo "POST $api/api/policy/antispoofing-bypass/get-policy  {\"data\":[]}  (and each further page)"
	echo "POST $api/api/policy/antispoofing-bypass/delete-policy  {\"data\":[{\"id\":\"ID\"}]}  for each policy listed whose description starts with '$prefix'"
	for domain in $domains; do
		echo "POST $api/api/policy/antispoofing-bypass/create-policy  $(create_body "$domain")"
	done
	if [ -z "$spf_domains" ]; then
		echo "This profile version gives no SPF include for Netigate's server, so no policy is created (use the console steps of the guide)."
	elif [ -z "$domains" ]; then
		echo "No policy is created: this output was made without --domain, or --remove was given."
	fi
	exit 0
fi

if [ -z "${MIMECAST_CLIENT_ID:-}" ] || [ -z "${MIMECAST_CLIENT_SECRET:-}" ]; then
	echo "--apply needs MIMECAST_CLIENT_ID and MIMECAST_CLIENT_SECRET (an API 2.0 application's Client ID and Secret); nothing sent" >&2
	exit 2
fi

# JSON as "path<TAB>value" lines (.data[0].policy.description<TAB>...). POSIX awk, no recursion beyond parameters.
flatten='
function skip() { while (pos <= len && index(" \t\r\n", substr(s, pos, 1))) pos++ }
function emit(path, v) { gsub(/[\t\r\n]/, " ", v); print path "\t" v }
function str(   out, c, e) {
	pos++; out = ""
	while (pos <= len) {
		c = substr(s, pos, 1)
		if (c == "\"") { pos++; return out }
		if (c == "\\") {
			e = substr(s, pos + 1, 1); pos += 2
			if (e == "u") { out = out "\\u" substr(s, pos, 4); pos += 4 } else if (e == "n" || e == "t" || e == "r") out = out " "; else out = out e
			continue
		}
		out = out c; pos++
	}
	bad = 1; return out
}
function value(path,   c, k, key) {
	skip(); c = substr(s, pos, 1)
	if (c == "{") {
		pos++; skip()
		if (substr(s, pos, 1) == "}") { pos++; return }
		while (pos <= len) {
			skip()
			if (substr(s, pos, 1) != "\"") { bad = 1; return }
			key = str(); skip()
			if (substr(s, pos, 1) != ":") { bad = 1; return }
			pos++
			value(path "." key)
			if (bad) return
			skip(); c = substr(s, pos, 1); pos++
			if (c == "}") return
			if (c != ",") { bad = 1; return }
		}
		bad = 1; return
	}
	if (c == "[") {
		pos++; skip(); k = 0
		if (substr(s, pos, 1) == "]") { pos++; return }
		while (pos <= len) {
			value(path "[" k "]")
			if (bad) return
			k++; skip(); c = substr(s, pos, 1); pos++
			if (c == "]") return
			if (c != ",") { bad = 1; return }
		}
		bad = 1; return
	}
	if (c == "\"") { emit(path, str()); return }
	if (match(substr(s, pos, 40), /^(true|false|null|-?[0-9][0-9.eE+-]*)/)) { emit(path, substr(s, pos, RLENGTH)); pos += RLENGTH; return }
	bad = 1
}
{ text = text $0 "\n" }
END { s = text; len = length(s); pos = 1; value(""); if (bad) { print "not the JSON expected, at character " pos > "/dev/stderr"; exit 3 } }'

# curl's config on standard input keeps the secret and the token out of the process list ("\" and "\"" escaped).
quote() {
	printf '%s' "$1" | sed 's/[\\"]/\\&/g'
}
token=""
# POST PATH BODY: prints Mimecast's answer; exits 1 when it is not HTTP 200 or lists a failure.
post() {
	echo "POST $api$1  $2" >&2
	answer=$(printf 'header = "Authorization: Bearer %s"\n' "$(quote "$token")" | curl --silent --show-error --max-time 60 \
		--config - --header 'Content-Type: application/json' --header 'Accept: application/json' \
		--data-binary "$2" --write-out '\n%{http_code}' "$api$1") || { echo "curl could not reach $api (see its message above)" >&2; exit 1; }
	status=${answer##*"
"}
	body=${answer%"$status"}
	flat=$(printf '%s\n' "$body" | awk "$flatten") || { echo "Mimecast's answer to $1 could not be read: $body" >&2; exit 2; }
	if [ "$status" != 200 ] || printf '%s\n' "$flat" | grep -q '^\.fail\[0\]'; then
		echo "Mimecast refused $1 (HTTP $status): $body" >&2
		exit 1
	fi
	printf '%s\n' "$flat"
}

echo "POST $api/oauth/token  (client credentials)" >&2
answer=$(printf 'data-urlencode = "client_id=%s"\ndata-urlencode = "client_secret=%s"\ndata = "grant_type=client_credentials"\n' \
	"$(quote "$MIMECAST_CLIENT_ID")" "$(quote "$MIMECAST_CLIENT_SECRET")" \
	| curl --silent --show-error --max-time 60 --config - --write-out '\n%{http_code}' "$api/oauth/token") \
	|| { echo "curl could not reach $api (see its message above)" >&2; exit 1; }
status=${answer##*"
"}
token=$(printf '%s\n' "${answer%"$status"}" | awk "$flatten" 2>/dev/null | awk -F '\t' '$1 == ".access_token" { print $2; exit }')
if [ "$status" != 200 ] || [ -z "$token" ]; then
	echo "Mimecast gave no token (HTTP $status): check the Client ID and Secret and the application's role" >&2
	exit 1
fi

# The bypass policies this script made: description starting with the prefix. The policy may come as an object or,
# as the reference's example shows, as a list of one.
ours=""
page=""
pages=0
while :; do
	if [ -n "$page" ]; then
		listed=$(post /api/policy/antispoofing-bypass/get-policy "{\"meta\":{\"pagination\":{\"pageToken\":$(json_string "$page")}},\"data\":[]}") || exit $?
	else
		listed=$(post /api/policy/antispoofing-bypass/get-policy '{"data":[]}') || exit $?
	fi
	ours="$ours $(printf '%s\n' "$listed" | awk -F '\t' -v prefix="$prefix" '
		{ n = $1; sub(/^\.data\[/, "", n); n += 0 }
		$1 ~ /^\.data\[[0-9]+\]\.id$/ { id[n] = $2 }
		$1 ~ /^\.data\[[0-9]+\]\.policy(\[0\])?\.description$/ && index($2, prefix) == 1 { mine[n] = 1 }
		END { for (n in mine) if (id[n] != "") printf " %s", id[n] }')"
	page=$(printf '%s\n' "$listed" | awk -F '\t' '$1 == ".meta.pagination.next" { print $2; exit }')
	[ -n "$page" ] || break
	pages=$((pages + 1))
	[ "$pages" -lt 50 ] || { echo "Mimecast kept sending pages (50 read); nothing deleted or created" >&2; exit 2; }
done

for id in $ours; do
	post /api/policy/antispoofing-bypass/delete-policy "{\"data\":[{\"id\":$(json_string "$id")}]}" >/dev/null || exit $?
	echo "Deleted the bypass policy $id (made by an earlier run)."
done
for domain in $domains; do
	created=$(post /api/policy/antispoofing-bypass/create-policy "$(create_body "$domain")") || exit $?
	id=$(printf '%s\n' "$created" | awk -F '\t' '$1 == ".data[0].id" { print $2; exit }')
	echo "Created the bypass policy '$prefix $domain' (id ${id:-not returned})."
done
if [ -z "$spf_domains" ]; then
	echo "This profile version gives no SPF include for Netigate's server, so no policy was created (use the console steps of the guide)."
fi
echo "Done. Mimecast says a policy change can take up to five minutes to reach your mail flow."
