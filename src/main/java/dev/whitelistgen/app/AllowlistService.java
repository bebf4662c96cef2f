package dev.whitelistgen.app;

import dev.whitelistgen.Input;
import dev.whitelistgen.UserError;
import dev.whitelistgen.bundle.Bundle;
import dev.whitelistgen.bundle.DeterministicZip;
import dev.whitelistgen.diff.DiffReport;
import dev.whitelistgen.diff.OutputDiff;
import dev.whitelistgen.diff.ProfileDiff;
import dev.whitelistgen.dns.DnsResolver;
import dev.whitelistgen.dns.DnsjavaResolver;
import dev.whitelistgen.model.DomainName;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.render.BundleContext;
import dev.whitelistgen.render.Generator;
import dev.whitelistgen.render.Progress;
import dev.whitelistgen.render.RenderSink;
import dev.whitelistgen.render.RenderedFile;
import dev.whitelistgen.render.RenderedFiles;
import dev.whitelistgen.render.Target;
import dev.whitelistgen.render.TargetSelection;
import dev.whitelistgen.render.TargetTexts;
import dev.whitelistgen.request.Customer;
import dev.whitelistgen.spf.PublishedSpf;
import dev.whitelistgen.spf.SpfPlan;
import dev.whitelistgen.render.RenderModel;
import dev.whitelistgen.spf.SpfMerger;
import dev.whitelistgen.spf.SpfRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Generate, bundle and diff, each in one order of steps that the CLI and serve's page both call: a checked request
 * in, typed results out (files, targets left out and why, warnings). Refusals are UserErrors, as everywhere.
 */
public final class AllowlistService {

    /** A target 'all' (or the bundle's default of every target) left out, and why. */
    public record LeftOut(String target, String why) { }

    public record Generated(List<RenderedFile> files, List<LeftOut> leftOut, List<String> warnings) { }

    /** {@code fileName}: what the page names the download (the CLI writes to --output). */
    public record Bundled(List<RenderedFile> files, byte[] zip, String fileName, List<LeftOut> leftOut, List<String> warnings) { }

    public record Diffed(DiffReport report, List<String> warnings) { }

    private static final Duration DNS_TIMEOUT = Duration.ofSeconds(5);

    private final Sources sources;

    public AllowlistService(Sources sources) {
        this.sources = sources;
    }

    public Sources sources() {
        return sources;
    }

    /** A generate request with what DNS adds (published SPF records, include trees counted): all that is left is rendering. */
    public record Prepared(GenerateRequest request, List<LeftOut> leftOut, List<String> warnings) { }

    public Generated generate(GenerateRequest request, Progress progress) {
        Prepared prepared = prepare(request);
        RenderedFiles files = new RenderedFiles();
        render(prepared, progress, files);
        return new Generated(files.files(), prepared.leftOut(), prepared.warnings());
    }

    public Prepared prepare(GenerateRequest request) {
        List<String> warnings = new ArrayList<>();
        GenerateRequest resolved = request.withCustomer(withPublishedSpf(request.customer(), request.existingSpfFromDns(),
                request.dnsServer(), warnings));
        if (resolved.existingSpfFromDns()) {
            resolved = resolved.withCustomer(countTreesRefusingOverLimits(resolved.targets(), resolved.profile().profile(),
                    resolved.servers(), resolved.customer(), resolver(resolved.dnsServer())));
        }
        return new Prepared(resolved, leftOut(resolved.targets()), warnings);
    }

    /** Each file into the sink as it renders (the CLI's streaming output: no file is held whole). */
    public void render(Prepared prepared, Progress progress, RenderSink sink) {
        GenerateRequest request = prepared.request();
        new Generator(sources.renderer(), progress).generate(request.targets().included(), request.profile(), request.servers(),
                request.customer(), TargetTexts.DEFAULT_LANGUAGE, BundleContext.NONE, sink);
    }

    public Bundled bundle(BundleRequest request) {
        List<String> warnings = new ArrayList<>();
        BundleRequest resolved = request.withCustomer(withPublishedSpf(request.customer(), request.existingSpfFromDns(),
                request.dnsServer(), warnings));
        if (resolved.existingSpfFromDns()) {
            resolved = resolved.withCustomer(countTreesRefusingOverLimits(resolved.targets(), resolved.profile().profile(),
                    List.of(resolved.server()), resolved.customer(), resolver(resolved.dnsServer())));
        }
        List<RenderedFile> files = new Bundle(sources.renderer(), sources.texts()).files(resolved);
        return new Bundled(files, DeterministicZip.of(files), "netigate-" + resolved.server().id() + "-" + resolved.language() + ".zip",
                leftOut(resolved.targets()), warnings);
    }

    public Diffed diff(DiffRequest request) {
        List<String> warnings = new ArrayList<>();
        DiffRequest resolved = request.withCustomer(withPublishedSpf(request.customer(), request.existingSpfFromDns(),
                request.dnsServer(), warnings));
        OutputDiff.Sides sides = new OutputDiff.Sides(new Generator(sources.renderer()), resolved.targets().included(),
                resolved.serverId(), resolved.customer(), sources.profiles()::earlierThan);
        OutputDiff outputs = OutputDiff.between(sides.render(resolved.from(), resolved.fromLabel()),
                sides.render(resolved.to(), resolved.toLabel()), resolved.fromLabel(), resolved.toLabel());
        return new Diffed(new DiffReport(resolved.fromLabel(), resolved.from(), resolved.toLabel(), resolved.to(),
                ProfileDiff.between(resolved.from(), resolved.to(), resolved.serverId()), outputs, resolved.targets().included()), warnings);
    }

    private static List<LeftOut> leftOut(TargetSelection targets) {
        return targets.skipped().stream().map(t -> new LeftOut(t.name(), "it needs " + Input.DOMAIN.flag())).toList();
    }

    /**
     * With --existing-spf-from-dns, each domain's published record where --existing-spf gives none. A domain that
     * does not exist is refused: merging into "no record" would hide a mistyped --domain behind a record for a name
     * nobody uses.
     */
    private static Customer withPublishedSpf(Customer customer, boolean fromDns, String dnsServer, List<String> warnings) {
        if (!fromDns) {
            return customer;
        }
        DnsResolver dns = resolver(dnsServer);
        Map<DomainName, SpfRecord> records = new LinkedHashMap<>(customer.existingSpf());
        for (DomainName domain : customer.domains()) {
            if (records.containsKey(domain)) {
                continue;
            }
            PublishedSpf published = PublishedSpf.lookup(dns, domain);
            if (!published.exists()) {
                throw new UserError(UserError.Kind.NETWORK, Input.EXISTING_SPF_FROM_DNS, domain
                        + " does not exist in DNS (NXDOMAIN); check the --domain spelling");
            }
            if (published.records().isEmpty()) {
                warnings.add(domain + " publishes no SPF record; the record written for it is a new one (ending in ?all)");
            }
            published.toMerge().ifPresent(found -> {
                try {
                    records.put(domain, SpfRecord.parseForOutput(found.text()).withPublishedStrings(found.publishedStrings()));
                } catch (IllegalArgumentException e) {
                    throw new UserError(UserError.Kind.REFUSED, Input.EXISTING_SPF_FROM_DNS, "the record published for "
                            + domain + " " + e.getMessage());
                }
            });
        }
        return customer.withExistingSpf(records);
    }

    /**
     * With DNS at hand, each merged record's whole include tree is counted as a receiver would, a record over
     * RFC 7208's limits is refused, and the count is kept with the existing record for the output's notes.
     * Without it only the record's own terms are counted (SpfMerger.plan), and the record's notes say so.
     */
    private static Customer countTreesRefusingOverLimits(TargetSelection targets, Profile profile, List<Server> servers,
                                                         Customer customer, DnsResolver dns) {
        if (targets.included().stream().noneMatch(Target::spfRecords)) {
            return customer;
        }
        Map<DomainName, SpfRecord> counted = new LinkedHashMap<>(customer.existingSpf());
        for (Server server : servers) {
            for (DomainName domain : customer.domains()) {
                Optional<SpfRecord> existing = Optional.ofNullable(counted.get(domain));
                SpfPlan plan = RenderModel.spfPlan(profile, server, customer.spfMode(), domain, existing);
                SpfRecord.TreeCount count = SpfMerger.refuseOverTreeLimits(dns, plan);
                existing.ifPresent(record -> counted.put(domain, record.withMergedTreeCount(plan.record(), count)));
            }
        }
        return customer.withExistingSpf(counted);
    }

    private static DnsResolver resolver(String server) {
        try {
            return DnsjavaResolver.create(server, DNS_TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw new UserError(UserError.Kind.USAGE, Input.DNS_SERVER, e.getMessage());
        }
    }
}
