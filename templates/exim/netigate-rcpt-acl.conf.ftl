[#import "/_common/header.ftl" as h]
[@h.header c="#" title="Exim acl_smtp_rcpt stanza: Netigate's servers skip the strict checks for Netigate's (or the customer's) sender domains" apply=[
  "Paste the stanza below into the RCPT ACL (acl_check_rcpt on Debian) AFTER the relay check and the",
  "recipient check, i.e. just after these Debian lines, and before the blacklists, SPF and DNSBL checks:",
  "    require",
  "      message = relay not permitted",
  "      domains = +local_domains : +relay_to_domains",
  "    require",
  "      verify = recipient",
  "  split configuration: /etc/exim4/conf.d/acl/30_exim4-config_check_rcpt",
  "  single file:         /etc/exim4/exim4.conf.template (or your exim.conf), section 'begin acl'",
  "Needs the lists of netigate-lists.conf; see there for checking, reloading and undoing."] /]
#
# ACLs: https://www.exim.org/exim-html-current/doc/html/spec_html/ch-access_control_lists.html
# 'accept' ends the RCPT ACL only when both conditions hold: the client is a Netigate server AND the envelope
# sender's domain is Netigate's (or the customer's). Any other sender on these IPs, and these senders on any
# other IP, go through every check below. Placed after the relay check, it never lets these IPs relay
# (an outside recipient still gets '550 relay not permitted'), and the DATA ACL (content scanning) still runs.
[@h.unknowns c="#" /]
  # BEGIN whitelist-gen netigate stanza
  accept
    hosts = +netigate_hosts
    sender_domains = +netigate_sender_domains
  # END whitelist-gen netigate stanza
