#!/bin/sh
[#import "/_common/header.ftl" as h]
[@h.header c="#" title="Removes exactly what apply.sh added to Postfix, and nothing else" apply=[
  "Run as root:  sh undo.sh     (same environment variables as apply.sh)",
  "When main.cf is still exactly as apply.sh left it, it is put back from the copy apply.sh kept",
  "(netigate-allowlist.undo/main.cf.before): postconf -n and main.cf are then byte for byte as before.",
  "When main.cf was edited since, only the allowlist's entries are removed from it; a parameter apply.sh",
  "had to add is removed again when nothing else is left in it. master.cf is never touched."] /]
set -eu

config_dir=${POSTFIX_CONFIG_DIR:-$(postconf -h config_directory)}
# The folder's path goes into Postfix lists, which split at spaces and commas and expand $: a path with
# such a character would write a broken restriction list, so it is refused before anything changes.
case "$config_dir" in
/*[!A-Za-z0-9._/+@-]* | [!/]* | "")
	echo "undo.sh: config folder '$config_dir' must be an absolute path of letters, digits and . _ - + @ / only" >&2
	exit 1 ;;
esac
clients_check="check_client_access cidr:$config_dir/netigate_clients.cidr"
postscreen_entry="cidr:$config_dir/netigate_postscreen.cidr"
undo_dir="$config_dir/netigate-allowlist.undo"

pc() { postconf -c "$config_dir" "$@"; }

[#include "_list_edit.sh.ftl"]

if [ -f "$undo_dir/main.cf.before" ] && cmp -s "$undo_dir/main.cf.after" "$config_dir/main.cf"; then
	cp -p "$undo_dir/main.cf.before" "$config_dir/main.cf.tmp.$$"
	mv -f "$config_dir/main.cf.tmp.$$" "$config_dir/main.cf"
	echo "main.cf: put back as it was before apply.sh (it was not edited since)"
else
	for list in smtpd_relay_restrictions smtpd_recipient_restrictions smtpd_client_restrictions smtpd_helo_restrictions smtpd_sender_restrictions; do
		value=$(pc -h "$list")
		case "$value" in
		*"$clients_check"*)
			pc -e "$list = $(edit "$value" remove "$clients_check")"
			echo "$list: check removed" ;;
		esac
	done

	screen=$(pc -h postscreen_access_list)
	case "$screen" in
	*"$postscreen_entry"*)
		pc -e "postscreen_access_list = $(edit "$screen" remove "$postscreen_entry")"
		echo "postscreen_access_list: Netigate networks removed" ;;
	esac

	classes=$(pc -h smtpd_restriction_classes)
	case ",$(printf '%s' "$classes" | tr ' \t' ',,')," in
	*,netigate_senders,*)
		pc -e "smtpd_restriction_classes = $(edit "$classes" remove netigate_senders)"
		echo "smtpd_restriction_classes: netigate_senders removed" ;;
	esac
	pc -X netigate_senders 2>/dev/null || true

	# A parameter apply.sh added (not in main.cf before) goes again when it is back at Postfix's default.
	# main.cf.original: the copy apply.sh kept, set aside when main.cf was edited between two runs of apply.sh.
	original=""
	for copy in "$undo_dir/main.cf.before" "$undo_dir/main.cf.original"; do
		if [ -f "$copy" ]; then original=$copy; fi
	done
	if [ -n "$original" ]; then
		for name in smtpd_restriction_classes postscreen_access_list; do
			if ! grep -Eq "^[[:space:]]*$name[[:space:]]*=" "$original" \
				&& [ "$(pc -h "$name")" = "$(pc -dh "$name")" ]; then
				pc -X "$name"
				echo "$name: removed (apply.sh had added it)"
			fi
		done
	fi
fi

rm -f "$config_dir/netigate_clients.cidr" "$config_dir/netigate_postscreen.cidr" \
	"$config_dir/netigate_sender_access" "$config_dir/netigate_sender_access.db"
rm -rf "$undo_dir"

postfix -c "$config_dir" check
if [ "${WHITELIST_GEN_NO_RELOAD:-0}" != 1 ] && postfix -c "$config_dir" status >/dev/null 2>&1; then
	postfix -c "$config_dir" reload
fi
echo "Done: the Netigate allowlist is removed."
