[#import "/_common/header.ftl" as h]
[#assign checkIp = server.networks[0].address]
[#assign checkSender = server.senderAddresses[0]!("survey@" + server.senderDomains[0])]
[@h.header c="#" title="Exim main section: Netigate's mail servers and the sender domains accepted from them" apply=[
  "Debian (exim4-config), either layout: no package file is edited, so exim4-config updates ask nothing.",
  "  Split configuration (dc_use_split_config='true' in /etc/exim4/update-exim4.conf.conf): copy this file to",
  "  /etc/exim4/conf.d/main/50_netigate_lists (no dot in that name: update-exim4.conf skips such files).",
  "  Single file (exim4.conf.template): copy this file to /etc/exim4/netigate-lists.conf and add the line",
  "  .include /etc/exim4/netigate-lists.conf  to /etc/exim4/exim4.conf.localmacros (create it if missing).",
  "  Both: copy netigate-deny-exceptions.conf to /etc/exim4/netigate-deny-exceptions.conf. The macro below",
  "  hooks it into Debian's acl_local_deny_exceptions (see there); netigate-rcpt-acl.conf is not used.",
  "  Check BEFORE reloading, as root; the last command must print ok (the lists resolve and the hook is in):",
  "    update-exim4.conf && exim4 -bV >/dev/null &&",
  "    exim4 -be -oMa " + checkIp + " -f " + checkSender + " '${if acl{{acl_local_deny_exceptions}}{ok}{missing}}'",
  "  then  systemctl reload exim4.  (exim4 -bV alone passes when update-exim4.conf skipped the lists: the",
  "  hook is then missing too and Netigate gets no exception; with a pasted stanza every client gets 451.)",
  "Hand-kept exim.conf (no Debian hooks): put  .include /etc/exim/netigate-lists.conf  in the main section",
  "  (anywhere before the first 'begin' line; the LOCAL_DENY_EXCEPTIONS macro below does nothing there), paste",
  "  the stanza of netigate-rcpt-acl.conf as it says, and check before reloading; this must print ok:",
  "    exim -bV >/dev/null && exim -be '${if match_ip{" + checkIp + "}{+netigate_hosts}{ok}{missing}}'",
  "Upgrade (a new profile version or other options): copy the new files over the old ones and check as above;",
  "  the files are replaced whole, so nothing of the earlier version stays. A stanza pasted by hand is replaced",
  "  between its BEGIN and END markers. Outputs of earlier whitelist-gen releases were pasted into Debian's",
  "  exim4.conf.template or conf.d/acl/30_exim4-config_check_rcpt: delete those lines between the",
  "  'BEGIN whitelist-gen' and 'END whitelist-gen' markers (exim4 -bV fails on lists defined twice).",
  "Undo: delete the files and the .include line (or the pasted stanza), check with exim4 -bV, reload."] /]
#
# Named lists: https://www.exim.org/exim-html-current/doc/html/spec_html/ch-domain_host_address_and_local_part_lists.html
# The host list uses ';' as separator ('<;') so IPv6 addresses need no doubled colons.
# The domain list holds exact domains (no '*.' patterns): bounce@mail.ntgt.de does not match ntgt.de, the
# same rule as in every target of whitelist-gen. These IPs are Netigate's shared platform (all its customers).
# Never add these hosts to relay_from_hosts (MAIN_RELAY_NETS) or trusted_hosts: that lets them relay.
[@h.ipCaveat c="#" /]
[@h.unknowns c="#" /]
# BEGIN whitelist-gen netigate lists
hostlist netigate_hosts = <; [#list server.networks as network][=network.text][#sep] ; [/#list]

domainlist netigate_sender_domains = [#list server.senderDomains as domain][=domain][#sep] : [/#list][#list customerDomains as domain] : [=domain][/#list]

# Debian's configurations include this file into acl_local_deny_exceptions (conf.d/acl/20_exim4-config_local_deny_exceptions).
# If your configuration already sets this macro, exim4 -bV says "already defined": delete this line and add the
# lines of netigate-deny-exceptions.conf to the file your macro names instead.
LOCAL_DENY_EXCEPTIONS_LOCAL_ACL_FILE = /etc/exim4/netigate-deny-exceptions.conf
# END whitelist-gen netigate lists
