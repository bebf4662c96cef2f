#!/bin/sh
[#import "/_common/header.ftl" as h]
[@h.header c="#" title="Installs the Netigate allowlist into a running Postfix (idempotent: a second run changes nothing)" apply=[
  "Run as root from this folder:  sh apply.sh        (undo: sh undo.sh)",
  "Environment: POSTFIX_CONFIG_DIR (default: postconf -h config_directory), WHITELIST_GEN_NO_RELOAD=1 to skip the reload.",
  "What it changes, and what that weakens:",
  "  - copies netigate_clients.cidr, netigate_sender_access(.db), netigate_postscreen.cidr into the config folder;",
  "  - adds the restriction class netigate_senders (OK only for Netigate's sender domains, or the customer's);",
  "  - puts check_client_access cidr:netigate_clients.cidr just after reject_unauth_destination in",
  "    smtpd_recipient_restrictions, and first in non-empty smtpd_client/helo/sender_restrictions: mail from",
  "    these IPs with these sender domains skips the RBL, SPF-policy and anti-spoofing checks after it;",
  "  - lets the same IPs skip postscreen's tests (by IP alone: postscreen never sees the sender).",
  "It never touches mynetworks or smtpd_relay_restrictions, so these IPs can never relay; it refuses to run",
  "when nothing in the configuration rejects relaying (reject_unauth_destination / defer_unauth_destination)."] /]
set -eu

here=$(cd "$(dirname "$0")" && pwd)
config_dir=${POSTFIX_CONFIG_DIR:-$(postconf -h config_directory)}
clients_check="check_client_access cidr:$config_dir/netigate_clients.cidr"
postscreen_entry="cidr:$config_dir/netigate_postscreen.cidr"
class_value="check_sender_access hash:$config_dir/netigate_sender_access"

pc() { postconf -c "$config_dir" "$@"; }

[#include "_list_edit.sh.ftl"]

has() { case ",$(printf '%s' "$1" | tr ' \t' ',,')," in *",$2,"*) return 0 ;; *) return 1 ;; esac; }
contains() { case "$1" in *"$2"*) return 0 ;; *) return 1 ;; esac; }

relay=$(pc -h smtpd_relay_restrictions)
recipient=$(pc -h smtpd_recipient_restrictions)
if ! has "$relay" reject_unauth_destination && ! has "$relay" defer_unauth_destination \
	&& ! has "$recipient" reject_unauth_destination && ! has "$recipient" defer_unauth_destination; then
	echo "apply.sh: neither smtpd_relay_restrictions nor smtpd_recipient_restrictions rejects relaying" >&2
	echo "apply.sh: (reject_unauth_destination); refusing to add an allowlist to a server that may be an open relay" >&2
	exit 1
fi

echo "Installing maps into $config_dir"
for file in netigate_clients.cidr netigate_postscreen.cidr netigate_sender_access; do
	cp "$here/$file" "$config_dir/$file.tmp.$$"
	chmod 0644 "$config_dir/$file.tmp.$$"
	mv -f "$config_dir/$file.tmp.$$" "$config_dir/$file"
done
postmap -c "$config_dir" "hash:$config_dir/netigate_sender_access"

classes=$(pc -h smtpd_restriction_classes)
if ! has "$classes" netigate_senders; then
	pc -e "smtpd_restriction_classes = $(edit "$classes" front netigate_senders)"
	echo "Added netigate_senders to smtpd_restriction_classes"
fi
pc -e "netigate_senders = $class_value"

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

postfix -c "$config_dir" check
if [ "${WHITELIST_GEN_NO_RELOAD:-0}" != 1 ] && postfix -c "$config_dir" status >/dev/null 2>&1; then
	postfix -c "$config_dir" reload
fi
echo "Done. SPF policy service: see policyd-spf.conf.snippet if it runs before this check."
