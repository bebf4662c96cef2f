[#import "/_common/header.ftl" as h]
[#assign dkimSigned = flags?seq_contains("dkim-signed")]
[@h.header c="#" title="SpamAssassin: welcomelist Netigate's senders only when the mail came from Netigate's servers" apply=[
  "Apply: copy this file into the site configuration folder (Debian: /etc/spamassassin/; amavisd-new and",
  "  spamass-milter read the same folder), check with  spamassassin --lint  (silent and exit 0 when accepted),",
  "  then restart what runs SpamAssassin:  systemctl restart spamd  (or amavis, or the milter).",
  "Undo: delete /etc/spamassassin/netigate-welcomelist.cf, run spamassassin --lint, restart the same service.",
  "Verify: spamassassin -t < a received survey: the report lists USER_IN_WELCOMELIST (with --dkim-signed, for",
  "  surveys sent as your own domain: USER_IN_DKIM_WELCOMELIST)."] /]
#
# What welcomelist_from_rcvd SENDER [RELAY] really matches (Mail::SpamAssassin::Conf, "welcomelist_from" and
# "welcomelist_from_rcvd"): USER_IN_WELCOMELIST (score -100) fires when ANY sender address of the message
# matches SENDER - Resent-From: if present, else each of From:, Envelope-Sender:, Resent-Sender:,
# X-Envelope-From: and the envelope sender (envelope_sender_header) - AND the relay that handed the mail to
# your network has that IP. So mail through Netigate's IPs with envelope sender survey@<Netigate domain> is
# welcomelisted whatever its From: says (tried: From: someone@evil.example, -100). Mail with these senders
# through any other relay, and mail on Netigate's IPs where no sender address matches, gain nothing.
# https://spamassassin.apache.org/full/4.0.x/doc/Mail_SpamAssassin_Conf.html ("welcomelist_from_rcvd")
# Netigate's IPs are shared by all of Netigate's customers: any of them (or a compromised Netigate account)
# can send through them with these senders and get -100.
# The IP stands in square brackets: without them it is compared with the relay's reverse-DNS name and never
# matches, while --lint still reports no error.
# SpamAssassin must know where your network ends to pick that relay: with one MX it works it out; behind
# several hops of your own, set internal_networks / trusted_networks, or the wrong Received: header is read.
# Addresses match exactly by domain: *@ntgt.de does not match bounce@mail.ntgt.de (the same rule in every
# target of whitelist-gen).
# SpamAssassin 3.4 and older know these settings only as whitelist_from_rcvd / whitelist_from_dkim and name
# the rules USER_IN_WHITELIST / USER_IN_DKIM_WHITELIST: rename them there (4.0 reads both spellings until 4.1),
# and look for either name:  spamassassin -t < survey | grep -E 'USER_IN_(DKIM_)?(WELCOME|WHITE)LIST'
[@h.unknowns c="#" /]

# Netigate's own sender domains (invitations from Netigate's addresses)
[#list server.senderDomains as domain]
[#list server.networks as network]
welcomelist_from_rcvd *@[=domain] [='[' + network.text + ']']
[/#list]
[/#list]
[#if customerDomains?has_content && dkimSigned]

# The customer's own domains, for surveys sent as the customer (so they are not taken for spoofing).
# --dkim-signed: the customer's Netigate account signs with d=<the domain>, so the tie is that signature,
# not Netigate's shared IPs: USER_IN_DKIM_WELCOMELIST (-100) needs From: at the domain AND a valid DKIM
# signature with d= that domain (Mail::SpamAssassin::Plugin::DKIM, "welcomelist_from_dkim"). DKIM checks
# need network tests (not spamassassin -L) and the DKIM plugin (loaded in Debian's v312.pre).
[#list customerDomains as domain]
welcomelist_from_dkim *@[=domain] [=domain]
[/#list]
[#elseif customerDomains?has_content]

# The customer's own domains, for surveys sent as the customer (so they are not taken for spoofing).
# Tied to Netigate's shared IPs only: if the customer's Netigate account signs with its domain (DKIM),
# regenerate with --dkim-signed to tie these domains to that signature instead.
[#list customerDomains as domain]
[#list server.networks as network]
welcomelist_from_rcvd *@[=domain] [='[' + network.text + ']']
[/#list]
[/#list]
[#else]

# No --domain given: surveys sent with the customer's own domain as sender are not covered.
[/#if]
