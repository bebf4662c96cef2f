[#import "/_common/header.ftl" as h]
[@h.header c="#" title="Postfix main.cf settings for the Netigate allowlist (for hand-kept or managed main.cf files)" apply=[
  "apply.sh makes exactly these changes with postconf; use this file when main.cf is kept by hand",
  "or by configuration management. Copy the three tables to /etc/postfix first (no postmap: cidr and",
  "regexp tables are read as they are), then postfix reload."] /]

# The class a Netigate IP is sent to: OK for Netigate's (and the customer's) exact sender domains only.
# If smtpd_restriction_classes is already set, add netigate_senders to it.
smtpd_restriction_classes = netigate_senders
netigate_senders = check_sender_access regexp:/etc/postfix/netigate_sender_access

# Add the check to your existing restriction lists; do not replace them. Keep every check that
# protects against relaying (reject_unauth_destination) before it:
#
#   smtpd_recipient_restrictions = <your checks>, reject_unauth_destination,
#       <recipient checks that must still apply to Netigate's mail, e.g. check_recipient_access>,
#       check_client_access cidr:/etc/postfix/netigate_clients.cidr,
#       <your RBL, SPF policy and content checks>
#
# OK ends the list it stands in (postconf(5), smtpd_recipient_restrictions): everything after the check,
# check_recipient_access, reject_unverified_recipient and check_policy_service (greylisting, rate limits,
# SPF) included, is skipped for Netigate's mail. Milters and content_filter still run.
#
# And at the front of each of these lists that is not empty, so Netigate passes their RBL,
# HELO and anti-spoofing checks too (the sender-domain tie still applies):
#
#   smtpd_client_restrictions = check_client_access cidr:/etc/postfix/netigate_clients.cidr, <...>
#   smtpd_helo_restrictions   = check_client_access cidr:/etc/postfix/netigate_clients.cidr, <...>
#   smtpd_sender_restrictions = check_client_access cidr:/etc/postfix/netigate_clients.cidr, <...>
#
#   postscreen_access_list = cidr:/etc/postfix/netigate_postscreen.cidr, permit_mynetworks, <...>
#
# -o smtpd_*_restrictions overrides in master.cf replace these lists for their service: add the check
# there too if that service receives Netigate's mail.
# Never add these networks to mynetworks: permit_mynetworks lets a client relay to any domain.
# OK in these lists ends only that list; smtpd_relay_restrictions still refuses relaying.
