[#import "/_common/header.ftl" as h]
[@h.header c="#" title="Exim, Debian's configurations: Netigate's servers with Netigate's (or the customer's) sender domains are a local deny exception" apply=[
  "Copy to /etc/exim4/netigate-deny-exceptions.conf; the LOCAL_DENY_EXCEPTIONS_LOCAL_ACL_FILE macro in",
  "netigate-lists.conf includes it. See netigate-lists.conf for the check before reloading, upgrading and undoing."] /]
#
# Debian's exim4-config (conf.d/acl/20_exim4-config_local_deny_exceptions, exim4-config_files(5)) includes this
# file into acl_local_deny_exceptions, which every Debian deny check consults with '!acl = acl_local_deny_exceptions':
# local_host_blacklist and local_sender_blacklist, sender verification and callouts, recipient callouts, SPF
# (CHECK_RCPT_SPF) and the DATA ACL's header checks. A client matches only when both conditions hold: a Netigate
# server AND an envelope sender at exactly one of the listed domains. Nothing else changes: the relay check
# ('550 relay not permitted'), recipient verification, DNSBL warnings and malware scanning still apply.
# Netigate's IPs are shared by all of Netigate's customers: any of them can send from there with these
# sender domains, the customer's included. To prove a survey with the customer's domain was signed by the
# customer's key, check dkim_signers / dkim_status in acl_smtp_dkim (Exim's DKIM chapter, ch-dkim_spf_srs_and_dmarc).
[@h.unknowns c="#" /]
  # BEGIN whitelist-gen netigate deny exceptions
  accept
    hosts = +netigate_hosts
    sender_domains = +netigate_sender_domains
  # END whitelist-gen netigate deny exceptions
