[#import "/_common/header.ftl" as h]
[@h.header c="#" title="Exim acl_smtp_rcpt stanza: Netigate's servers skip the strict checks for Netigate's (or the customer's) sender domains" apply=[
  "For a hand-kept exim.conf. On Debian's configurations use netigate-deny-exceptions.conf instead (no package",
  "file edited; see netigate-lists.conf); do not paste this into conf.d/acl/30_exim4-config_check_rcpt.",
  "Paste the stanza below into the RCPT ACL before the blacklists, SPF and DNSBL checks it is meant to skip,",
  "after the relay and recipient checks if the ACL has them.",
  "The stanza carries the relay and recipient checks itself, so it cannot open a relay wherever it is pasted,",
  "even in a hand-kept exim.conf whose relay check comes last. It needs the named domain lists local_domains",
  "and relay_to_domains (Debian's configuration and Exim's default configure both define them).",
  "Needs the lists of netigate-lists.conf; see there for checking, reloading and undoing."] /]
#
# ACLs: https://www.exim.org/exim-html-current/doc/html/spec_html/ch-access_control_lists.html
# 'accept' ends the RCPT ACL only when every condition holds, tested in order: the client is a Netigate
# server, the envelope sender's domain is exactly Netigate's (or the customer's; no subdomains), the
# recipient's domain is one this server receives or relays for, and the recipient verifies. Otherwise the
# stanza does nothing and the checks below run as before: any other sender on these IPs, these senders on
# any other IP, and any outside recipient ('550 relay not permitted' stays the relay check's answer).
# The DATA ACL (content scanning) and acl_smtp_dkim still run for accepted recipients.
# Netigate's IPs are shared by all of Netigate's customers: any of them can send from there with these
# sender domains, the customer's included. The RCPT ACL runs before the message, so it cannot check DKIM;
# to prove a survey with the customer's domain was signed by the customer's key, check dkim_signers /
# dkim_status for that domain in acl_smtp_dkim (Exim's DKIM chapter, ch-dkim_spf_srs_and_dmarc).
[@h.unknowns c="#" /]
  # BEGIN whitelist-gen netigate stanza
  accept
    hosts = +netigate_hosts
    sender_domains = +netigate_sender_domains
    domains = +local_domains : +relay_to_domains
    verify = recipient
  # END whitelist-gen netigate stanza
