[#import "/_common/header.ftl" as h]
[@h.header c="#" title="Exim main section: Netigate's mail servers and the sender domains accepted from them" apply=[
  "Used by the ACL stanza in netigate-rcpt-acl.conf; both files together make the change.",
  "Apply, Debian's split configuration (dc_use_split_config='true' in /etc/exim4/update-exim4.conf.conf):",
  "  copy this file to /etc/exim4/conf.d/main/50_netigate_lists (no dot in that name: update-exim4.conf",
  "  skips such files), paste netigate-rcpt-acl.conf as it says,",
  "  then  update-exim4.conf && exim4 -bV >/dev/null && systemctl reload exim4",
  "Apply, Debian's single file (/etc/exim4/exim4.conf.template) or a hand-kept exim.conf / exim4.conf:",
  "  paste this file into the main section (anywhere before the first 'begin' line), paste",
  "  netigate-rcpt-acl.conf as it says, then check and reload as above (update-exim4.conf only on Debian).",
  "Undo: delete the file (split) or the lines between the BEGIN and END markers (single file), remove the",
  "  ACL stanza the same way, and check and reload as above.",
  "Test first, without mail traffic:  exim4 -bh <a Netigate IP>  then type HELO, MAIL FROM, RCPT TO."] /]
#
# Named lists: https://www.exim.org/exim-html-current/doc/html/spec_html/ch-domain_host_address_and_local_part_lists.html
# The host list uses ';' as separator ('<;') so IPv6 addresses need no doubled colons.
# The domain list holds exact domains (no '*.' patterns): bounce@mail.ntgt.de does not match ntgt.de, the
# same rule as in every target of whitelist-gen. These IPs are Netigate's shared platform (all its customers).
# Never add these hosts to relay_from_hosts (MAIN_RELAY_NETS) or trusted_hosts: that lets them relay.
[@h.unknowns c="#" /]
# BEGIN whitelist-gen netigate lists
hostlist netigate_hosts = <; [#list server.networks as network][=network.text][#sep] ; [/#list]

domainlist netigate_sender_domains = [#list server.senderDomains as domain][=domain][#sep] : [/#list][#list customerDomains as domain] : [=domain][/#list]
# END whitelist-gen netigate lists
