#!/bin/sh
[#import "/_common/header.ftl" as h]
[@h.header c="#" title="Installs the Netigate allowlist into a running Postfix (idempotent: a second run changes nothing)" apply=[
  "Run as root from this folder:  sh apply.sh        (undo: sh undo.sh)",
  "Environment: POSTFIX_CONFIG_DIR (default: postconf -h config_directory), WHITELIST_GEN_NO_RELOAD=1 to skip the reload.",
  "What it changes:",
  "  - copies netigate_clients.cidr, netigate_sender_access, netigate_postscreen.cidr into the config folder,",
  "    and keeps a copy of main.cf in netigate-allowlist.undo/ so undo.sh can put it back byte for byte;",
  "  - adds the restriction class netigate_senders (OK only for the exact sender domains listed, see there);",
  "  - puts check_client_access cidr:netigate_clients.cidr just after reject_unauth_destination (or",
  "    defer_unauth_destination) in smtpd_recipient_restrictions, and first in non-empty",
  "    smtpd_client/helo/sender_restrictions; where smtpd_relay_restrictions holds checks after its",
  "    reject_unauth_destination, just after it there too (relaying is decided by then);",
  "  - lets the same IPs skip postscreen's tests (by IP alone: postscreen never sees the sender).",
  "What that weakens: OK ends the restriction list it stands in (postconf(5), smtpd_recipient_restrictions;",
  "  access(5), OK). Every entry after it in that list is skipped for these IPs with these senders: RBL and",
  "  RHSBL checks, check_recipient_access (e.g. a REJECT protecting an internal list), reject_unverified_recipient,",
  "  check_policy_service (SPF policy, greylisting, rate limits). apply.sh names the recipient checks and",
  "  policy services it finds after the insertion: move those that must still apply in front of it.",
  "  Why there: it is the first place where relaying is settled, and ahead of the RBL and SPF checks the",
  "  allowlist exists to skip, which are usually listed after it.",
  "  Milters and content_filter (rspamd, amavis, OpenDKIM, OpenDMARC) still run. Where an SPF policy service",
  "  after the check is skipped, it adds no Received-SPF header: OpenDMARC then needs SPFSelfValidate to see SPF.",
  "  Netigate's IPs are shared by all of Netigate's customers: any of them can send from these IPs with these",
  "  sender domains, yours included. Only DKIM (d=your domain, checked by a milter) proves it was you.",
  "It never touches mynetworks, and in smtpd_relay_restrictions it only ever goes after the relay check, so",
  "these IPs can never relay; it refuses to run when nothing in the configuration rejects relaying",
  "(reject_unauth_destination / defer_unauth_destination, read expanded with postconf -x, so Postfix's",
  "built-in default counts), when no restriction list holds a check for it to skip, and when postfix check",
  "fails before any change. It does not change -o overrides of smtpd_*_restrictions in master.cf: it names",
  "them, and mail received by those services gets no exception.",
  "Upgrade (a new profile version, other options): run the new apply.sh; it replaces the three tables whole,",
  "so no network or sender domain of the earlier version stays, and undo.sh still restores the main.cf of",
  "before the first apply.sh. Entries of your own in main.cf and your own tables are never touched."] /]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
config_dir=${POSTFIX_CONFIG_DIR:-$(postconf -h config_directory)}
# The folder's path goes into Postfix lists, which split at spaces and commas and expand $: a path with
# such a character would write a broken restriction list, so it is refused before anything changes.
case "$config_dir" in
/*[!A-Za-z0-9._/+@-]* | [!/]* | "")
	echo "apply.sh: config folder '$config_dir' must be an absolute path of letters, digits and . _ - + @ / only" >&2
	exit 1 ;;
esac
clients_check="check_client_access cidr:$config_dir/netigate_clients.cidr"
postscreen_entry="cidr:$config_dir/netigate_postscreen.cidr"
class_value="check_sender_access regexp:$config_dir/netigate_sender_access"
undo_dir="$config_dir/netigate-allowlist.undo"

pc() { postconf -c "$config_dir" "$@"; }

[#include "_list_edit.sh.ftl"]

has() { case ",$(printf '%s' "$1" | tr ' \t' ',,')," in *",$2,"*) return 0 ;; *) return 1 ;; esac; }
contains() { case "$1" in *"$2"*) return 0 ;; *) return 1 ;; esac; }

# Expanded (-x): with smtpd_relay_restrictions unset, -h gives Postfix's unexpanded compatibility expression.
relay=$(pc -xh smtpd_relay_restrictions)
recipient_now=$(pc -xh smtpd_recipient_restrictions)
if ! has "$relay" reject_unauth_destination && ! has "$relay" defer_unauth_destination \
	&& ! has "$recipient_now" reject_unauth_destination && ! has "$recipient_now" defer_unauth_destination; then
	echo "apply.sh: neither smtpd_relay_restrictions nor smtpd_recipient_restrictions rejects relaying" >&2
	echo "apply.sh: (reject_unauth_destination); refusing to add an allowlist to a server that may be an open relay" >&2
	exit 1
fi
# The check goes after the literal reject_unauth_destination; one reached only through a $parameter cannot be
# found, and putting the check in front of it would skip the relay check when smtpd_relay_restrictions has none.
recipient=$(pc -h smtpd_recipient_restrictions)
if ! has "$relay" reject_unauth_destination && ! has "$relay" defer_unauth_destination \
	&& ! has "$recipient" reject_unauth_destination && ! has "$recipient" defer_unauth_destination; then
	echo "apply.sh: relaying is rejected only through a \$parameter inside smtpd_recipient_restrictions; write" >&2
	echo "apply.sh: reject_unauth_destination into that list itself (or into smtpd_relay_restrictions) and run again" >&2
	exit 1
fi

# postfix check reports to syslog only (when standard error is no terminal) and exits 1: checked before any
# change, so a server that fails it already is left as it is, and the message says where to look.
if ! postfix -c "$config_dir" check; then
	echo "apply.sh: postfix check fails before any change (see the mail log); fix that first. Nothing was changed." >&2
	exit 1
fi

# Where the allowlist can stand: a list that holds checks for it to skip. Nowhere means nothing to do, and
# saying "Done" then would hide that Netigate's mail still meets every check.
relay_raw=$(pc -h smtpd_relay_restrictions)
after_word() { printf '%s' "${1#*"$2"}" | tr -d ' \t,'; }
relay_after=""
for word in reject_unauth_destination defer_unauth_destination; do
	if has "$relay_raw" "$word" && [ -n "$(after_word "$relay_raw" "$word")" ]; then
		relay_after=$word
		break
	fi
done
placeable=$relay_after
for list in smtpd_recipient_restrictions smtpd_client_restrictions smtpd_helo_restrictions smtpd_sender_restrictions; do
	if [ -n "$(pc -h "$list" | tr -d ' \t,')" ]; then placeable=$list; fi
done
if [ -z "$placeable" ]; then
	echo "apply.sh: no restriction list holds a check for the allowlist to skip: smtpd_recipient_restrictions," >&2
	echo "apply.sh: smtpd_client_restrictions, smtpd_helo_restrictions and smtpd_sender_restrictions are empty, and" >&2
	echo "apply.sh: smtpd_relay_restrictions has nothing after reject_unauth_destination. Nothing was changed." >&2
	exit 1
fi

# undo.sh restores main.cf from this copy when main.cf is still exactly as apply.sh left it. A copy is made
# only from a main.cf without the allowlist. When main.cf was edited since the last apply, the copy may no
# longer be restored (that would lose the edit); it is kept as main.cf.original, which undo.sh still reads
# to know which parameters apply.sh added, so it removes them instead of leaving explicit defaults.
if [ -f "$undo_dir/main.cf.after" ] && ! cmp -s "$undo_dir/main.cf.after" "$config_dir/main.cf"; then
	if [ -f "$undo_dir/main.cf.before" ]; then
		mv -f "$undo_dir/main.cf.before" "$undo_dir/main.cf.original"
	fi
	rm -f "$undo_dir/main.cf.after"
	echo "main.cf was edited since the last apply.sh: undo.sh will remove the entries instead of restoring a copy"
fi
if [ ! -d "$undo_dir" ] && [ -z "$(pc -n netigate_senders 2>/dev/null)" ]; then
	mkdir -m 0755 "$undo_dir"
	cp -p "$config_dir/main.cf" "$undo_dir/main.cf.before"
fi

echo "Installing maps into $config_dir"
for file in netigate_clients.cidr netigate_postscreen.cidr netigate_sender_access; do
	cp "$here/$file" "$config_dir/$file.tmp.$$"
	chmod 0644 "$config_dir/$file.tmp.$$"
	mv -f "$config_dir/$file.tmp.$$" "$config_dir/$file"
done
# An earlier version of this allowlist used a hash table here; the regexp table needs no .db.
rm -f "$config_dir/netigate_sender_access.db"

classes=$(pc -h smtpd_restriction_classes)
if ! has "$classes" netigate_senders; then
	pc -e "smtpd_restriction_classes = $(edit "$classes" front netigate_senders)"
	echo "Added netigate_senders to smtpd_restriction_classes"
fi
if [ "$(pc -h netigate_senders 2>/dev/null)" != "$class_value" ]; then
	pc -e "netigate_senders = $class_value"
fi

recipient=$(pc -h smtpd_recipient_restrictions)
if ! contains "$recipient" "$clients_check"; then
	if has "$recipient" reject_unauth_destination; then
		pc -e "smtpd_recipient_restrictions = $(edit "$recipient" after reject_unauth_destination "$clients_check")"
		echo "smtpd_recipient_restrictions: check added after reject_unauth_destination"
	elif has "$recipient" defer_unauth_destination; then
		pc -e "smtpd_recipient_restrictions = $(edit "$recipient" after defer_unauth_destination "$clients_check")"
		echo "smtpd_recipient_restrictions: check added after defer_unauth_destination"
	elif [ -n "$(printf '%s' "$recipient" | tr -d ' \t,')" ]; then
		# Relaying is decided in smtpd_relay_restrictions, which runs first; this list only filters.
		pc -e "smtpd_recipient_restrictions = $(edit "$recipient" front "$clients_check")"
		echo "smtpd_recipient_restrictions: check added first (relaying is refused by smtpd_relay_restrictions)"
	fi
fi

# Checks after the relay check in smtpd_relay_restrictions (an RBL there): the check goes right after it, where
# relaying is already refused, and its OK ends only that list.
relay_raw=$(pc -h smtpd_relay_restrictions)
if [ -n "$relay_after" ] && ! contains "$relay_raw" "$clients_check"; then
	pc -e "smtpd_relay_restrictions = $(edit "$relay_raw" after "$relay_after" "$clients_check")"
	echo "smtpd_relay_restrictions: check added after $relay_after"
fi

# What the OK skips that an admin may not expect: recipient protections and policy services after the check.
recipient=$(pc -h smtpd_recipient_restrictions)
case "$recipient" in
*"$clients_check"*)
	skipped=""
	for word in $(printf '%s' "${recipient#*"$clients_check"}" | tr ',' ' '); do
		case "$word" in
		check_recipient_access | check_recipient_*_access | reject_unverified_recipient | reject_unlisted_recipient | check_policy_service)
			has "$skipped" "$word" || skipped="${skipped:+$skipped, }$word" ;;
		esac
	done
	if [ -n "$skipped" ]; then
		echo "apply.sh: note: Netigate's mail (these IPs with these senders) now skips these later entries of" >&2
		echo "apply.sh: note: smtpd_recipient_restrictions: $skipped. Move any that must still apply (e.g. a REJECT" >&2
		echo "apply.sh: note: protecting an internal list) in front of $clients_check." >&2
	fi ;;
esac

for list in smtpd_client_restrictions smtpd_helo_restrictions smtpd_sender_restrictions; do
	value=$(pc -h "$list")
	if [ -n "$(printf '%s' "$value" | tr -d ' \t,')" ] && ! contains "$value" "$clients_check"; then
		pc -e "$list = $(edit "$value" front "$clients_check")"
		echo "$list: check added first"
	fi
done

screen=$(pc -h postscreen_access_list)
if ! contains "$screen" "$postscreen_entry"; then
	pc -e "postscreen_access_list = $(edit "$screen" front "$postscreen_entry")"
	echo "postscreen_access_list: Netigate networks added first"
fi
# Debian's stock master.cf runs smtpd, not postscreen, on port 25: then the entry has no effect until enabled.
if ! pc -M smtp/inet 2>/dev/null | grep -q postscreen; then
	echo "postscreen is not enabled in master.cf (smtp inet): the postscreen_access_list entry takes effect only once it is"
fi

overrides=$(pc -P 2>/dev/null | grep -E '^[^ ]+/(smtpd_client|smtpd_helo|smtpd_sender|smtpd_recipient|smtpd_relay)_restrictions = ' || true)
if [ -n "$overrides" ]; then
	echo "apply.sh: warning: master.cf overrides restriction lists with -o; apply.sh did not change them, so mail" >&2
	echo "apply.sh: warning: received by these services gets no Netigate exception (add it there by hand if needed):" >&2
	printf '%s\n' "$overrides" | sed 's/^/apply.sh: warning:   /' >&2
fi

if ! postfix -c "$config_dir" check; then
	echo "apply.sh: postfix check failed (see the mail log); main.cf was changed; run undo.sh" >&2
	exit 1
fi
if [ -f "$undo_dir/main.cf.before" ]; then
	cp -p "$config_dir/main.cf" "$undo_dir/main.cf.after"
fi
if [ "${WHITELIST_GEN_NO_RELOAD:-0}" != 1 ] && postfix -c "$config_dir" status >/dev/null 2>&1; then
	postfix -c "$config_dir" reload
fi
echo "Done. SPF policy service: see policyd-spf.conf.snippet if it runs before this check."
