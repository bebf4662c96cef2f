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
  "standard input, never into its arguments; the token stays in memory. It turns shell tracing (sh -x) off, which would",
  "print both.",
  "API gateway: Mimecast's global https://api.services.mimecast.com; MIMECAST_API=https://uk-api.services.mimecast.com",
  "or https://us-api.services.mimecast.com keeps the requests in that region (Mimecast, \"API & Integrations - Enhancing",
  "API Gateway Resilience\": https://mimecastsupport.zendesk.com/hc/en-us/articles/41019270938643). Any other value is",
  "refused, except http://127.0.0.1:PORT for tests. Needs curl and a POSIX sh and awk; curl's own ~/.curlrc is not read.",
  "",
  "What --apply does, in this order (never more allowed at any moment than before or after, but for the seconds until",
  "the read-back of step 4 deletes a policy Mimecast stored wider than sent):",
  "  1. POST /oauth/token (client credentials) for a bearer token;",
  "  2. POST /api/policy/antispoofing-bypass/get-policy, all pages: the Anti-Spoofing SPF-Based Bypass policies;",
  "  3. POST /api/policy/antispoofing-bypass/delete-policy for each whose description (narrative) starts with",
  "     '" + narrativePrefix + " ': what an earlier run or profile version made; no other policy is touched;",
  "  4. POST /api/policy/antispoofing-bypass/create-policy for each of your domains below (none with --remove), then",
  "     get-policy with its id: a policy Mimecast stored with another sender domain, recipients, Source IP Ranges or",
  "     SPF domain than sent is deleted again at once and the run stops;",
  "  5. get-policy, all pages, again: if the list does not show a policy just created (so a later run could not find it",
  "     to delete it), this run's policies are deleted again and the run stops.",
  "Mimecast answers HTTP 200 also when a request failed, with the failure in the answer's fail list",
  "(https://www.mimecast.com/tech-connect/documentation/api-overview/response-code/): both are checked.",
  "Exit 0: done (or dry run); 1: Mimecast refused a request, did not confirm a deletion, stored a policy otherwise than",
  "sent or did not list it, or could not be reached (its answer is shown; steps before it stay done, nothing after it",
  "is sent: run again, it starts by deleting what it made); 2: a wrong argument, missing credentials, a MIMECAST_API",
  "that is not Mimecast's, or an answer that could not be read (then nothing more is sent).",
  "",
  "Sources: request bodies and fields as in Mimecast's API reference for these endpoints",
  "  (https://integrations.mimecast.com/documentation/endpoint-reference/policies/antispoofing-spf-bypass/create-policy,",
  "  get-policy and delete-policy beside it;",
  "  https://integrations.mimecast.com/documentation/endpoint-reference/policies/address-alteration/update-policy for",
  "  fromPart both and the from/to types), written for API 1.0. API 2.0 takes the same paths with a bearer token from",
  "  /oauth/token as Cortex XSOAR's maintained Mimecast v2 integration does (demisto/content,",
  "  Packs/MimecastV2/Integrations/MimecastV2/MimecastV2.py: token_oauth2_request, create_antispoofing_bypass_policy_command,",
  "  delete_policy_request, which also checks that the answer names the deleted id;",
  "  https://xsoar.pan.dev/docs/reference/integrations/mimecast-v2); Mimecast's own API 2.0 reference",
  "  (developer.services.mimecast.com) could not be read for this script. sourceIPs are the policy's Source IP Ranges,",
  "  which let a policy apply based on source IP addresses",
  "  (https://mimecastsupport.zendesk.com/hc/en-us/articles/34000805058579-Email-Security-Cloud-Gateway-Mimecast-Policy-Validity)."] /]
[@h.ipCaveat c="#" /]
set -eu
# Tracing would print the client secret and the token.
set +x
# Lists below are split on blanks, never expanded as file names (an id of "*" must not become this folder's files).
set -f

prefix=[=sh(narrativePrefix)]
domains=[=sh(customerDomains?join(" "))]
source_ips=[=sh(sourceRanges?join(" "))]
spf_domains=[=sh(bypassSpfDomains?join(" "))]
newline='
'
carriage_return=$(printf '\r')

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

# MIMECAST_API receives the client secret: only Mimecast's API gateways, or loopback with a port for tests.
api=${MIMECAST_API:-https://api.services.mimecast.com}
case $api in
https://api.services.mimecast.com | https://uk-api.services.mimecast.com | https://us-api.services.mimecast.com) ;;
http://127.0.0.1:*[!0-9]* | http://127.0.0.1:)
	printf 'MIMECAST_API must be https://api.services.mimecast.com, https://uk-api.services.mimecast.com or https://us-api.services.mimecast.com; nothing sent to %s\n' "$api" >&2
	exit 2 ;;
http://127.0.0.1:*) ;;
*)
	printf 'MIMECAST_API must be https://api.services.mimecast.com, https://uk-api.services.mimecast.com or https://us-api.services.mimecast.com; nothing sent to %s\n' "$api" >&2
	exit 2 ;;
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
	echo "POST $api/api/policy/antispoofing-bypass/delete-policy  {\"data\":[{\"id\":\"ID\"}]}  for each policy listed whose description starts with '$prefix '"
	for domain in $domains; do
		echo "POST $api/api/policy/antispoofing-bypass/create-policy  $(create_body "$domain")"
		echo "POST $api/api/policy/antispoofing-bypass/get-policy  {\"data\":[{\"id\":\"ID\"}]}  with the new policy's id: it must be stored as sent"
	done
	if [ -n "$domains" ]; then
		echo "POST $api/api/policy/antispoofing-bypass/get-policy  {\"data\":[]}  (and each further page) again: it must list each new policy"
	fi
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
# A line break would end the value's line in curl's configuration below and start an option of the value's choosing.
case $MIMECAST_CLIENT_ID$MIMECAST_CLIENT_SECRET in
*"$newline"* | *"$carriage_return"*)
	echo "MIMECAST_CLIENT_ID and MIMECAST_CLIENT_SECRET must each be one line; nothing sent" >&2
	exit 2 ;;
esac

# JSON as "path<TAB>value" lines (.data[0].policy.description<TAB>...); exit 3 unless the whole answer is one JSON
# value.
flatten='
[#include "/_common/json-flatten.awk" parse=false]
{ text = text $0 "\n" }
END {
	s = text; len = length(s); pos = 1; value(""); skip()
	if (bad || pos <= len) { print "not the JSON expected, at character " pos > "/dev/stderr"; exit 3 }
}'

# An answer as shown in a message: without control characters (a server cannot move the terminal's cursor).
shown() {
	printf '%s' "$1" | tr -d '\001-\010\013-\037\177'
}
# curl's config on standard input keeps the secret and the token out of the process list ("\" and "\"" escaped).
quote() {
	printf '%s' "$1" | sed 's/[\\"]/\\&/g'
}
# -q first: curl reads no ~/.curlrc, where a "verbose" or "trace" line would write the token out. No retries: a
# request that timed out may have been carried out, and a new run converges from whatever state it left.
mimecast_curl() {
	curl -q --silent --show-error --connect-timeout 20 --max-time 60 --config - --write-out '\n%{http_code}' "$@"
}
token=""
# POST PATH BODY: prints Mimecast's answer flattened; exits 1 when it is not HTTP 200 or lists a failure, 2 when it is
# not the JSON object with a data list that Mimecast's reference shows.
post() {
	printf 'POST %s%s  %s\n' "$api" "$1" "$2" >&2
	answer=$(printf 'header = "Authorization: Bearer %s"\n' "$token" | mimecast_curl \
		--header 'Content-Type: application/json' --header 'Accept: application/json' \
		--data-binary "$2" "$api$1") || { echo "curl could not reach $api (see its message above); nothing more sent" >&2; exit 1; }
	status=${answer##*"$newline"}
	body=${answer%"$status"}
	if [ "$status" != 200 ]; then
		printf 'Mimecast refused %s (HTTP %s): %s\n' "$1" "$status" "$(shown "$body")" >&2
		exit 1
	fi
	flat=$(printf '%s\n' "$body" | awk "$flatten") || { printf "Mimecast's answer to %s could not be read: %s\n" "$1" "$(shown "$body")" >&2; exit 2; }
	if printf '%s\n' "$flat" | grep -q '^\.fail\['; then
		printf 'Mimecast refused %s (HTTP 200, a fail entry): %s\n' "$1" "$(shown "$body")" >&2
		exit 1
	fi
	if ! printf '%s\n' "$flat" | awk -F '\t' '$1 == ".data" || $1 ~ /^\.data\[/ { found = 1 } END { exit !found }'; then
		printf "Mimecast's answer to %s has no data list: %s\n" "$1" "$(shown "$body")" >&2
		exit 2
	fi
	printf '%s\n' "$flat"
}
# ID: prints it when it is a Mimecast id this script can send back (and split on blanks), fails otherwise.
usable_id() {
	case $1 in '' | *[!A-Za-z0-9._~+/=:-]*) return 1 ;; esac
	printf '%s' "$1"
}

echo "POST $api/oauth/token  (client credentials)" >&2
answer=$(printf 'data-urlencode = "client_id=%s"\ndata-urlencode = "client_secret=%s"\ndata = "grant_type=client_credentials"\n' \
	"$(quote "$MIMECAST_CLIENT_ID")" "$(quote "$MIMECAST_CLIENT_SECRET")" | mimecast_curl "$api/oauth/token") \
	|| { echo "curl could not reach $api (see its message above)" >&2; exit 1; }
status=${answer##*"$newline"}
flat=$(printf '%s\n' "${answer%"$status"}" | awk "$flatten" 2>/dev/null) || flat=""
token=$(printf '%s\n' "$flat" | awk -F '\t' '$1 == ".access_token" { print $2; exit }')
if [ "$status" != 200 ] || [ -z "$token" ]; then
	# OAuth's error fields and Mimecast's fail entries name the cause; neither carries a secret.
	reason=$(printf '%s\n' "$flat" | awk -F '\t' '$1 ~ /^\.(error|error_description|fail\[[0-9]+\]\.(code|message)|fail\[[0-9]+\]\.errors\[[0-9]+\]\.(code|message))$/ { printf " %s", $2 }')
	printf 'Mimecast gave no token (HTTP %s)%s: check the Client ID and Secret and the application'"'"'s role\n' "$status" "$(shown "${reason:+:$reason}")" >&2
	exit 1
fi
# RFC 6750's bearer token characters: nothing that could leave the header's quotes.
case $token in *[!A-Za-z0-9._~+/=-]*)
	echo "Mimecast's answer holds a token with characters a bearer token cannot have; nothing more sent" >&2
	exit 2 ;;
esac

# The bypass policies this script made: narrative = the prefix, a space and a domain. The policy may come as an object
# or, as the reference's example shows, as a list of one. A list none of whose entries carries a narrative where the
# reference puts it, or a policy of ours without an id that can be sent back, is not understood: then nothing is deleted or
# created (creating without deleting would pile up policies run after run).
# list_ours: sets ours to their ids, from every page.
list_ours() {
	ours=""
	page=""
	pages=0
	while :; do
		if [ -n "$page" ]; then
			listed=$(post /api/policy/antispoofing-bypass/get-policy "{\"meta\":{\"pagination\":{\"pageToken\":$(json_string "$page")}},\"data\":[]}") || exit $?
		else
			listed=$(post /api/policy/antispoofing-bypass/get-policy '{"data":[]}') || exit $?
		fi
		found=$(printf '%s\n' "$listed" | awk -F '\t' -v marker="$prefix " '
			{ n = $1; sub(/^\.data\[/, "", n); n += 0 }
			$1 ~ /^\.data\[[0-9]+\]\./ { entry[n] = 1 }
			$1 ~ /^\.data\[[0-9]+\]\.id$/ { id[n] = $2 }
			$1 ~ /^\.data\[[0-9]+\]\.policy(\[0\])?\.description$/ { described = 1; if (index($2, marker) == 1) mine[n] = 1 }
			END {
				for (n in entry) entries++
				if (entries > 0 && !described) { print "no listed policy has a description at data[].policy.description" > "/dev/stderr"; exit 3 }
				for (n in mine) {
					if (id[n] == "" || id[n] ~ /[^A-Za-z0-9._~+\/=:-]/) { print "a policy of ours has no id that can be sent back" > "/dev/stderr"; exit 3 }
					printf " %s", id[n]
				}
			}') || { echo "The list of bypass policies could not be read (see above); nothing more sent" >&2; exit 2; }
		ours="$ours$found"
		page=$(printf '%s\n' "$listed" | awk -F '\t' '$1 == ".meta.pagination.next" { print $2; exit }')
		[ -n "$page" ] || break
		pages=$((pages + 1))
		[ "$pages" -lt 50 ] || { echo "Mimecast kept sending pages (50 read); nothing more sent" >&2; exit 2; }
	done
}
list_ours

# DELETED_ANSWER ID: Mimecast's answer must name the deleted policy (Cortex XSOAR's client checks the same).
confirm_deleted() {
	if [ "$(printf '%s\n' "$1" | awk -F '\t' '$1 == ".data[0].id" { print $2; exit }')" != "$2" ]; then
		echo "Mimecast did not confirm deleting the bypass policy $2; nothing more sent (run again)" >&2
		exit 1
	fi
}
for id in $ours; do
	deleted=$(post /api/policy/antispoofing-bypass/delete-policy "{\"data\":[{\"id\":$(json_string "$id")}]}") || exit $?
	confirm_deleted "$deleted" "$id"
	echo "Deleted the bypass policy $id (made by an earlier run)."
done

# What Mimecast stored against what was sent: sender domain, recipients, Source IP Ranges and SPF domains (as sets; a
# single address with or without /32). Prints what differs; exit 1 if anything does.
stored_as_sent='
function norm(v) { v = tolower(v); sub(/\/32$/, "", v); return v }
function same(want, got,   a, b, n, m, i, seen) {
	n = split(want, a, " "); m = split(got, b, " ")
	if (n != m) return 0
	for (i = 1; i <= n; i++) seen[norm(a[i])] = 1
	for (i = 1; i <= m; i++) if (!(b[i] in seen)) return 0
	return 1
}
$1 ~ /^\.data\[0\]\.policy(\[0\])?\.from\.type$/ { fromType = $2 }
$1 ~ /^\.data\[0\]\.policy(\[0\])?\.from\.emailDomain$/ { from = tolower($2) }
$1 ~ /^\.data\[0\]\.policy(\[0\])?\.to\.type$/ { toType = $2 }
$1 ~ /^\.data\[0\](\.policy(\[0\])?)?\.conditions\.sourceIPs\[[0-9]+\]$/ { ips = ips " " norm($2) }
$1 ~ /^\.data\[0\](\.policy(\[0\])?)?\.conditions\.spfDomains\[[0-9]+\]$/ { spf = spf " " norm($2) }
END {
	if (fromType != "email_domain" || from != tolower(domain)) wrong = wrong "; from " fromType " " from
	if (toType != "internal_addresses") wrong = wrong "; to " toType
	if (!same(wantIps, ips)) wrong = wrong "; sourceIPs" ips
	if (!same(wantSpf, spf)) wrong = wrong "; spfDomains" spf
	if (wrong != "") { print substr(wrong, 3); exit 1 }
}'
created_ids=""
for domain in $domains; do
	created=$(post /api/policy/antispoofing-bypass/create-policy "$(create_body "$domain")") || exit $?
	if ! id=$(usable_id "$(printf '%s\n' "$created" | awk -F '\t' '$1 == ".data[0].id" { print $2; exit }')"); then
		echo "Mimecast gave no usable id for the policy it created for $domain: check Anti-Spoofing SPF-Based Bypass in the Administration Console (a new run deletes it by its narrative)" >&2
		exit 1
	fi
	# Read back: a field Mimecast dropped or read otherwise could leave the policy wider than the one sent.
	stored=$(post /api/policy/antispoofing-bypass/get-policy "{\"data\":[{\"id\":$(json_string "$id")}]}") || exit $?
	if ! differs=$(printf '%s\n' "$stored" | awk -F '\t' -v domain="$domain" -v wantIps="$source_ips" -v wantSpf="$spf_domains" "$stored_as_sent"); then
		deleted=$(post /api/policy/antispoofing-bypass/delete-policy "{\"data\":[{\"id\":$(json_string "$id")}]}") || exit $?
		confirm_deleted "$deleted" "$id"
		echo "Mimecast stored the policy for $domain otherwise than sent ($(shown "$differs")), so it was deleted again; use the console steps of the guide" >&2
		exit 1
	fi
	echo "Created the bypass policy '$prefix $domain' (id $id), stored as sent."
	created_ids="$created_ids $id"
done
# A later run finds its policies to delete only through the list: one the list does not show would stay for good.
if [ -n "$created_ids" ]; then
	list_ours
	for id in $created_ids; do
		case " $ours " in *" $id "*) continue ;; esac
		for created_id in $created_ids; do
			deleted=$(post /api/policy/antispoofing-bypass/delete-policy "{\"data\":[{\"id\":$(json_string "$created_id")}]}") || exit $?
			confirm_deleted "$deleted" "$created_id"
		done
		echo "Mimecast's list of bypass policies does not show the policy $id just created, so a later run could not remove it: this run's policies were deleted again; use the console steps of the guide" >&2
		exit 1
	done
fi
if [ -z "$spf_domains" ]; then
	echo "This profile version gives no SPF include for Netigate's server, so no policy was created (use the console steps of the guide)."
fi
echo "Done. Mimecast says a policy change can take up to five minutes to reach your mail flow."
