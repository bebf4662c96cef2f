[#import "/_common/header.ftl" as h]
[@h.header c="#" title="postfix-policyd-spf-python: skip SPF checks for Netigate's mail servers" apply=[
  "Only needed when the SPF policy service runs before the netigate check (apply.sh places the",
  "check just after reject_unauth_destination, ahead of a check_policy_service there).",
  "Merge this line into /etc/postfix-policyd-spf-python/policyd-spf.conf: if a Whitelist line exists,",
  "append these networks to it (comma-separated, no spaces) instead of adding a second line.",
  "This exemption is by IP alone, so keep it as short as this list."] /]
Whitelist = [#list server.networks as network][=network.cidr][#sep],[/#list]

