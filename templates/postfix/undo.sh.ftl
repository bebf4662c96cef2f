#!/bin/sh
[#import "/_common/header.ftl" as h]
[@h.header c="#" title="Removes exactly what apply.sh added to Postfix, and nothing else" apply=[
  "Run as root:  sh undo.sh     (same environment variables as apply.sh)"] /]
set -eu

config_dir=${POSTFIX_CONFIG_DIR:-$(postconf -h config_directory)}
clients_check="check_client_access cidr:$config_dir/netigate_clients.cidr"
postscreen_entry="cidr:$config_dir/netigate_postscreen.cidr"

pc() { postconf -c "$config_dir" "$@"; }

[#include "_list_edit.sh.ftl"]

for list in smtpd_recipient_restrictions smtpd_client_restrictions smtpd_helo_restrictions smtpd_sender_restrictions; do
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

rm -f "$config_dir/netigate_clients.cidr" "$config_dir/netigate_postscreen.cidr" \
	"$config_dir/netigate_sender_access" "$config_dir/netigate_sender_access.db"

postfix -c "$config_dir" check
if [ "${WHITELIST_GEN_NO_RELOAD:-0}" != 1 ] && postfix -c "$config_dir" status >/dev/null 2>&1; then
	postfix -c "$config_dir" reload
fi
echo "Done: the Netigate allowlist is removed."
