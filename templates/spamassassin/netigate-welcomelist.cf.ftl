[#import "/_common/header.ftl" as h]
[#assign dkimSigned = flags?seq_contains("dkim-signed")]
[#-- One list of lines, written twice: with SpamAssassin 4.0's names, and with 3.4's for systems that lack them. --]
[#macro lines welcome]
[#if !dkimSigned]
# Netigate's own sender domains (invitations from Netigate's addresses)
[#list server.senderDomains as domain]
[#list server.networks as network]
[=welcome]_from_rcvd *@[=domain] [[=network.text]]
[/#list]
[/#list]
[/#if]
[#if customerDomains?has_content && dkimSigned]
# The customer's own domains, tied to the customer's DKIM signature (--dkim-signed)
[#list customerDomains as domain]
[=welcome]_from_dkim *@[=domain] [=domain]
[/#list]
[#elseif customerDomains?has_content]
# The customer's own domains, for surveys sent as the customer (so they are not taken for spoofing)
[#list customerDomains as domain]
[#list server.networks as network]
[=welcome]_from_rcvd *@[=domain] [[=network.text]]
[/#list]
[/#list]
[/#if]
[/#macro]
[@h.header c="#" title="SpamAssassin: welcomelist Netigate's senders only when the mail came from Netigate's servers" apply=[
  "Apply: copy this file into the site configuration folder, check with  spamassassin --lint  (silent and",
  "  exit 0 when accepted), then restart what runs SpamAssassin (amavisd-new and spamass-milter read the",
  "  same folder; restart amavis or the milter instead where they run it):",
  "    Debian 12, Ubuntu 24.04 (SpamAssassin 4.0):  /etc/spamassassin/, systemctl restart spamd",
  "    Debian 11, Ubuntu 22.04 (3.4):               /etc/spamassassin/, systemctl restart spamassassin",
  "    RHEL 8/9, Fedora, Rocky, Alma:               /etc/mail/spamassassin/, systemctl restart spamassassin",
  "  (service names differ between releases: systemctl list-units 'spam*' shows the one that runs)",
  "Upgrade (a new profile version, other options): copy the new file over the old one, lint, restart; the",
  "  file is replaced whole, so nothing of the earlier version stays. Your own *.cf files are not touched.",
  "Undo: delete netigate-welcomelist.cf from that folder, run spamassassin --lint, restart the same service.",
  "Verify: spamassassin -t < a received survey; the report lists, by version: " + dkimSigned?then(
    "NETIGATE_WELCOMELIST (-100) for Netigate's own senders, USER_IN_DKIM_WELCOMELIST for your domains",
    "USER_IN_WELCOMELIST"),
  "  (SpamAssassin 3.4: USER_IN_WHITELIST" + dkimSigned?then(", USER_IN_DKIM_WHITELIST", "") + "; 4.0 upgraded from 3.4 without",
  "  'enable_compat welcomelist_blocklist' in init.pre lists both, -100 on USER_IN_WHITELIST and -0.01 on",
  "  USER_IN_WELCOMELIST: 60_welcomelist.cf of the 4.0 rules).",
  "  spamassassin -t < survey | grep -E 'NETIGATE_WELCOMELIST|USER_IN_(DKIM_)?(WELCOME|WHITE)LIST'"] /]
[@h.ipCaveat c="#" /]
[#if !dkimSigned]
# What welcomelist_from_rcvd SENDER [RELAY] really matches (Mail::SpamAssassin::Conf, "welcomelist_from" and
# "welcomelist_from_rcvd"): USER_IN_WELCOMELIST fires when ANY sender address of the message matches SENDER -
# Resent-From: if present, else each of From:, Envelope-Sender:, Resent-Sender:, X-Envelope-From: and the
# envelope sender (envelope_sender_header) - AND the relay that handed the mail to your network has that IP.
# So mail through Netigate's IPs with envelope sender survey@<Netigate domain> is welcomelisted whatever its
# From: says (tried: From: someone@evil.example). Mail with these senders through any other relay, and mail on
# Netigate's IPs where no sender address matches, gain nothing.
# https://spamassassin.apache.org/full/4.0.x/doc/Mail_SpamAssassin_Conf.html ("welcomelist_from_rcvd")
[#else]
# --dkim-signed: Netigate's own sender domains are welcomelisted by the rule NETIGATE_WELCOMELIST below, which
# needs BOTH the header From: at exactly one of those domains AND Netigate's IP as the relay that handed the
# mail to your network (the first entry of X-Spam-Relays-Untrusted). welcomelist_from_rcvd is not used for
# them: it matches any sender address, so an unsigned message with Netigate's envelope sender and From: at
# your domain would be welcomelisted past the DKIM tie below.
# https://spamassassin.apache.org/full/4.0.x/doc/Mail_SpamAssassin_Conf.html ("header", "meta", "From:addr")
[/#if]
# Netigate's IPs are shared by all of Netigate's customers: any of them (or a compromised Netigate account)
# can send through them with these senders and be welcomelisted.
[#if !dkimSigned]
# The IP stands in square brackets: without them it is compared with the relay's reverse-DNS name and never
# matches, while --lint still reports no error.
[/#if]
# SpamAssassin must know where your network ends to pick that relay: with one MX it works it out; behind
# several hops of your own, set internal_networks / trusted_networks, or the wrong Received: header is read.
# Addresses match exactly by domain: *@ntgt.de does not match bounce@mail.ntgt.de (the same rule in every
# target of whitelist-gen).
# SpamAssassin 3.4 (RHEL 8/9, Debian 11, Ubuntu 22.04) knows only the whitelist_* spelling, 4.0 both until 4.1:
# the lines are written twice, each spelling where the running version has it (the feature test is the one
# SpamAssassin's own 60_welcomelist.cf uses), so one file lints on both. Tried with 4.0.1 and 3.4.6: both lint
# it, and on both a survey from Netigate's relay gets the -100 as described above (the DKIM line was tried with
# a real signature on 4.0.1 only); other releases were not tried.
[@h.unknowns c="#" /]
[#if dkimSigned]

# Netigate's own sender domains: From: at the domain AND Netigate's relay, both (see above)
[#list server.networks as network][#if !network.single][#stop "--dkim-signed: the spamassassin relay rule matches single addresses; " + network.cidr + " is a network"][/#if][/#list]
header   __NETIGATE_RELAY      X-Spam-Relays-Untrusted =~ /^\[ ip=(?:[#list server.networks as network][=network.address?replace(".", "\\.")][#sep]|[/#list]) /
header   __NETIGATE_FROM       From:addr =~ /\@(?:[#list server.senderDomains as domain][=domain?replace(".", "\\.")][#sep]|[/#list])$/i
meta     NETIGATE_WELCOMELIST  __NETIGATE_RELAY && __NETIGATE_FROM
describe NETIGATE_WELCOMELIST  From: a Netigate sender domain, relayed by Netigate's mail server
tflags   NETIGATE_WELCOMELIST  nice noautolearn
score    NETIGATE_WELCOMELIST  -100
[/#if]
[#if !dkimSigned || customerDomains?has_content]

if can(Mail::SpamAssassin::Conf::feature_welcomelist_blocklist)
[@lines welcome="welcomelist" /]
endif
if !can(Mail::SpamAssassin::Conf::feature_welcomelist_blocklist)
[@lines welcome="whitelist" /]
endif
[/#if]
[#if !customerDomains?has_content]

# No --domain given: surveys sent with the customer's own domain as sender are not covered.
[/#if]
