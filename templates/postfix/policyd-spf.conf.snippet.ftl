[#import "/_common/header.ftl" as h]
[@h.header c="#" title="postfix-policyd-spf-python: skip SPF checks for Netigate's mail servers" apply=[
  "Only needed when the SPF policy service runs before the netigate check (apply.sh places the",
  "check just after reject_unauth_destination, and a check_policy_service after it is skipped anyway).",
  "Merge this line into policyd-spf.conf: Debian and Ubuntu /etc/postfix-policyd-spf-python/policyd-spf.conf;",
  "RHEL/Fedora's pypolicyd-spf /etc/python-policyd-spf/policyd-spf.conf (not checked on such a machine);",
  "in any case the file named after policyd-spf in master.cf's spawn line, if one is named, is the one read",
  "(policyd-spf(1)). If a Whitelist line exists, append these networks to it (comma-separated, no spaces)",
  "instead of adding a second line. Upgrade: replace the networks an earlier version added (the profile's",
  "CHANGELOG names them) with these.",
  "policyd-spf reads its configuration when a worker starts; running workers keep the old one until they",
  "exit (after their idle time) or until  postfix reload.",
  "This exemption is by IP alone, so keep it as short as this list."] /]
[@h.ipCaveat c="#" /]
Whitelist = [#list server.networks as network][=network.cidr][#sep],[/#list]

