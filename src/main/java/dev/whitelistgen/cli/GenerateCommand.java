package dev.whitelistgen.cli;

import dev.whitelistgen.UserError;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.model.SpfMode;
import dev.whitelistgen.output.OutputWriter;
import dev.whitelistgen.render.Generator;
import dev.whitelistgen.render.RenderedFile;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetCatalog;
import dev.whitelistgen.dns.DnsResolver;
import dev.whitelistgen.spf.PublishedSpf;
import dev.whitelistgen.spf.SpfRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "whitelist-gen",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Writes ready-to-apply allowlist configuration that lets Netigate's survey mail into a mail system.",
            "Example: whitelist-gen --target postfix --server dach"},
        subcommands = {ListCommand.class, CheckCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:a check or diff found a difference",
            "2:usage error (unknown target/server, missing or bad flag)",
            "3:invalid profile or input value",
            "4:refused: the target cannot express the request safely",
            "5:cannot read or write a file",
            "6:network error",
            "70:internal error (a bug)"})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--target"}, paramLabel = "TARGET",
            description = "Mail system to write for (see 'list targets'), or 'all'.")
    String target;

    @Option(names = {"-s", "--server"}, paramLabel = "SERVER",
            description = "Netigate server: azure, dach, an alias (sweden, se, netigate.se, germany, de, ntgt.de), or 'all'.")
    String server;

    @Option(names = {"-p", "--profile"}, paramLabel = "VERSION|FILE",
            description = "Profile version or file (default: the current version).")
    String profile;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Write the files into DIR (created if missing) instead of printing them.")
    Path output;

    @Option(names = {"-d", "--domain"}, paramLabel = "DOMAIN",
            description = "A domain of the customer's own that surveys are sent as (repeatable).")
    List<String> domains = new ArrayList<>();

    @Option(names = "--existing-spf", paramLabel = "[DOMAIN=]RECORD",
            description = "The SPF record a domain publishes today, to merge into (repeatable; DOMAIN= is needed with several --domain).")
    List<String> existingSpf = new ArrayList<>();

    @Option(names = "--existing-spf-from-dns",
            description = "Look up each --domain's SPF record in DNS and merge into it (where --existing-spf gives none).")
    boolean existingSpfFromDns;

    @Option(names = "--dns-server", paramLabel = "HOST[:PORT]",
            description = "DNS server for --existing-spf-from-dns (default: the system's resolvers).")
    String dnsServer;

    @Option(names = "--spf-mode", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (include where the profile has one), include, or ip (ip4:/ip6: terms). Default: ${DEFAULT-VALUE}.")
    String spfMode;

    @Option(names = "--ip-allow-list",
            description = "Also add the IPs to the platform's connection IP Allow List (targets that offer it; weakens filtering more).")
    boolean ipAllowList;

    @Mixin
    SourceOptions sources;

    @Override
    public Integer call() {
        if (target == null) {
            throw new UserError(UserError.Kind.USAGE, "--target is required (or a command: list); try --help");
        }
        TargetCatalog catalog = sources.targets();
        List<Target> targets = target.equalsIgnoreCase("all") ? catalog.all() : List.of(catalog.get(target.toLowerCase(Locale.ROOT)));
        Profile chosen = sources.profiles().resolve(profile);
        List<Server> servers = servers(chosen);
        List<DomainName> customerDomains = customerDomains(chosen);
        Map<DomainName, SpfRecord> existing = existingRecords(customerDomains);
        Set<String> flags = new LinkedHashSet<>();
        if (ipAllowList) {
            flags.add("ip-allow-list");
        }
        List<RenderedFile> files = new Generator(sources.renderer())
                .generate(targets, chosen, servers, customerDomains, existing, spfMode(), flags);
        if (output == null) {
            OutputWriter.print(spec.commandLine().getOut(), files);
        } else {
            List<Path> written = OutputWriter.write(output, files);
            written.forEach(path -> spec.commandLine().getErr().println("wrote " + path));
        }
        return ExitCodes.OK;
    }

    private List<Server> servers(Profile chosen) {
        if (server == null) {
            throw new UserError(UserError.Kind.USAGE, "--server is required; valid servers: " + serverNames(chosen));
        }
        if (server.equalsIgnoreCase("all")) {
            return chosen.servers();
        }
        return List.of(chosen.server(server).orElseThrow(() -> new UserError(UserError.Kind.USAGE,
                "--server: unknown server '" + server + "'; valid servers: " + serverNames(chosen))));
    }

    static String serverNames(Profile profile) {
        List<String> names = new ArrayList<>();
        for (Server s : profile.servers()) {
            names.add(s.id() + (s.aliases().isEmpty() ? "" : " (" + String.join(", ", s.aliases()) + ")"));
        }
        names.add("all");
        return String.join(", ", names);
    }

    private List<DomainName> customerDomains(Profile chosen) {
        List<DomainName> parsed = new ArrayList<>();
        for (String text : domains) {
            DomainName domain;
            try {
                domain = DomainName.parse(text);
            } catch (IllegalArgumentException e) {
                throw new UserError(UserError.Kind.INVALID_INPUT, "--domain: " + e.getMessage());
            }
            for (Server s : chosen.servers()) {
                if (s.senderDomains().stream().anyMatch(domain::isSubdomainOf)) {
                    throw new UserError(UserError.Kind.INVALID_INPUT, "--domain: '" + domain
                            + "' is Netigate's own sender domain; give the customer's domain");
                }
            }
            if (!parsed.contains(domain)) {
                parsed.add(domain);
            }
        }
        return parsed;
    }

    private Map<DomainName, SpfRecord> existingRecords(List<DomainName> customerDomains) {
        Map<DomainName, SpfRecord> records = new LinkedHashMap<>();
        for (String value : existingSpf) {
            DomainName domain;
            String record;
            if (value.strip().toLowerCase(Locale.ROOT).startsWith("v=spf1")) {
                if (customerDomains.size() != 1) {
                    throw new UserError(UserError.Kind.USAGE, "--existing-spf: with " + (customerDomains.isEmpty() ? "no" : "several")
                            + " --domain, write DOMAIN=RECORD (e.g. example.com=\"v=spf1 mx -all\")");
                }
                domain = customerDomains.get(0);
                record = value;
            } else {
                int equals = value.indexOf('=');
                if (equals < 0) {
                    throw new UserError(UserError.Kind.INVALID_INPUT, "--existing-spf: '" + value + "' is neither an SPF record (v=spf1 …) nor DOMAIN=RECORD");
                }
                try {
                    domain = DomainName.parse(value.substring(0, equals));
                } catch (IllegalArgumentException e) {
                    throw new UserError(UserError.Kind.INVALID_INPUT, "--existing-spf: domain " + e.getMessage());
                }
                if (!customerDomains.contains(domain)) {
                    throw new UserError(UserError.Kind.USAGE, "--existing-spf: " + domain + " is not one of the --domain values");
                }
                record = value.substring(equals + 1);
            }
            if (records.containsKey(domain)) {
                throw new UserError(UserError.Kind.USAGE, "--existing-spf: given twice for " + domain);
            }
            try {
                records.put(domain, SpfRecord.parse(record));
            } catch (IllegalArgumentException e) {
                throw new UserError(UserError.Kind.INVALID_INPUT, "--existing-spf for " + domain + ": " + e.getMessage());
            }
        }
        if (existingSpfFromDns) {
            DnsResolver dns = CheckOptions.resolver(dnsServer, Duration.ofSeconds(5));
            for (DomainName domain : customerDomains) {
                if (!records.containsKey(domain)) {
                    PublishedSpf.lookup(dns, domain).toMerge().ifPresent(record -> records.put(domain, record));
                }
            }
        } else if (dnsServer != null) {
            throw new UserError(UserError.Kind.USAGE, "--dns-server: only used with --existing-spf-from-dns");
        }
        return records;
    }

    private SpfMode spfMode() {
        try {
            return SpfMode.valueOf(spfMode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError(UserError.Kind.USAGE, "--spf-mode: '" + spfMode + "' is not one of auto, include, ip");
        }
    }
}
