[#import "/_common/header.ftl" as h]
[#include "_names.ftl"]
[@h.header c="#" title="Cisco Secure Email (AsyncOS) message filter for Netigate survey mail" apply=[
  "Paste at the CLI: filters, then NEW, then everything below including the line holding only a period; then MOVE",
  "it to position 1 (NEW appends it last, and an earlier filter's final action would skip it) and commit.",
  "Needs the HAT sender group " + senderGroup + " of cisco-guide.md, step 1, on each listener that receives Internet mail.",
  "Skips only the spam and graymail checks, for these envelope senders from that sender group; anti-virus, file",
  "reputation, outbreak and content filters still run (skip-viruscheck is never used)."] /]
[@h.ipCaveat c="#" /]
# Sources: [=doc.filtersCli]
#   [=doc.filterMove]
#   [=doc.filterOrder]
#   [=doc.filterSyntax]
#   [=doc.sendergroupRegex]
#   [=doc.mailFromCase]
#   [=doc.skipSpam]
#   [=doc.skipGraymail]
#   [=doc.headers]
[=filterName]:
if (sendergroup == "^[=senderGroup]$") and ([#list envelopeDomains as d](mail-from == "[=senderRegex(d)]")[#sep] or [/#list])
{
    strip-header("[=headerName]");
    insert-header("[=headerName]", "[=headerValue]");
    skip-spamcheck();
    skip-marketingcheck();
    skip-socialcheck();
    skip-bulkcheck();
}
else
{
    strip-header("[=headerName]");
}
.
