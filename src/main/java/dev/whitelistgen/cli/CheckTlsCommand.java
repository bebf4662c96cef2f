package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import dev.whitelistgen.check.Finding;
import dev.whitelistgen.check.TlsCheck;
import dev.whitelistgen.model.DomainName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "tls", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        header = "Does the customer's inbound mail server offer STARTTLS?",
        description = {"Connects to the inbound mail server (SMTP), says EHLO and STARTTLS, and reports",
            "the TLS protocol, cipher and certificate. Sends no mail.",
            "Example: whitelist-gen check tls --domain customer.example"})
final class CheckTlsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--mx", paramLabel = "HOST", description = "Mail server to check (host name or IP; repeatable).")
    List<String> mx = new ArrayList<>();

    @Option(names = {"-d", "--domain"}, paramLabel = "DOMAIN", description = "Check every MX host of this domain instead.")
    String domain;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "25", description = "SMTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--strict", description = "Fail also when the certificate does not validate for the host name.")
    boolean strict;

    @Mixin
    CheckOptions check;

    @Override
    public Integer call() {
        if (mx.isEmpty() == (domain == null)) {
            throw new UserError(UserError.Kind.USAGE, "check tls: give either --mx HOST or --domain DOMAIN");
        }
        if (port < 1 || port > 65535) {
            throw new UserError(UserError.Kind.USAGE, "--port: expected 1 to 65535, got " + port);
        }
        TlsCheck tls = new TlsCheck(check.resolver(), new TlsCheck.Options(port, check.timeout(), strict), Instant.now());
        List<String> hosts = new ArrayList<>();
        List<Finding> context = new ArrayList<>();
        if (domain != null) {
            DomainName parsed;
            try {
                parsed = DomainName.parse(domain);
            } catch (IllegalArgumentException e) {
                throw new UserError(UserError.Kind.INVALID_INPUT, "--domain: " + e.getMessage());
            }
            hosts.addAll(tls.mxHosts(parsed));
            context.add(TlsCheck.mxHint(parsed, hosts));
        }
        for (String host : mx) {
            hosts.add(validHost(host));
        }
        return check.print(tls.run(hosts, context), spec.commandLine().getOut());
    }

    private static String validHost(String host) {
        try {
            dev.whitelistgen.spf.IpAddresses.parse(host);
            return host;
        } catch (IllegalArgumentException notAnAddress) {
            try {
                return DomainName.parse(host).name();
            } catch (IllegalArgumentException e) {
                throw new UserError(UserError.Kind.INVALID_INPUT, "--mx: " + e.getMessage());
            }
        }
    }
}
