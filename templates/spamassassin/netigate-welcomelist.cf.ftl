[#import "/_common/header.ftl" as h]
[@h.header c="#" title="SpamAssassin: welcomelist Netigate's senders only when the mail came from Netigate's servers" apply=[
  "Apply: copy this file into the site configuration folder (Debian: /etc/spamassassin/; amavisd-new and",
  "  spamass-milter read the same folder), check with  spamassassin --lint  (silent and exit 0 when accepted),",
  "  then restart what runs SpamAssassin:  systemctl restart spamd  (or amavis, or the milter).",
  "Undo: delete /etc/spamassassin/netigate-welcomelist.cf, run spamassassin --lint, restart the same service.",
  "Verify: spamassassin -t < a received survey: the report lists USER_IN_WELCOMELIST."] /]
#
# welcomelist_from_rcvd SENDER [RELAY] fires USER_IN_WELCOMELIST (score -100) only when the sender address
# (From:, envelope sender) matches AND the relay that handed the mail to your network has that IP; a forged
# Netigate or customer sender arriving through any other relay gains nothing, and any other sender on
# Netigate's IPs goes through every test.
# https://spamassassin.apache.org/full/4.0.x/doc/Mail_SpamAssassin_Conf.html ("welcomelist_from_rcvd")
# The IP stands in square brackets: without them it is compared with the relay's reverse-DNS name and never
# matches, while --lint still reports no error.
# SpamAssassin must know where your network ends to pick that relay: with one MX it works it out; behind
# several hops of your own, set internal_networks / trusted_networks, or the wrong Received: header is read.
# SpamAssassin 3.4 and older know this setting only as whitelist_from_rcvd: rename it there.
[@h.unknowns c="#" /]

# Netigate's own sender domains (invitations from Netigate's addresses)
[#list server.senderDomains as domain]
[#list server.networks as network]
welcomelist_from_rcvd *@[=domain] [='[' + network.text + ']']
[/#list]
[/#list]
[#if customerDomains?has_content]

# The customer's own domains, for surveys sent as the customer (so they are not taken for spoofing)
[#list customerDomains as domain]
[#list server.networks as network]
welcomelist_from_rcvd *@[=domain] [='[' + network.text + ']']
[/#list]
[/#list]
[#else]

# No --domain given: surveys sent with the customer's own domain as sender are not covered.
[/#if]
