package dev.whitelistgen.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One version of a vendor's published mail data, as one source article states it. */
public record Profile(
        Path file,
        String vendor,
        String version,
        Status status,
        Optional<String> supersedes,
        Source source,
        List<String> unknowns,
        List<Server> servers,
        Tls tls,
        Dkim dkim) {

    public enum Status { CURRENT, SUPERSEDED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Where the data comes from: an article, its language, and what can be said about its date. */
    public record Source(String article, String title, String language, String dated, String summary) { }

    public record Tls(boolean inboundRequired, String note) { }

    /** The articles give no selector or key, so the selector is empty unless a source states one. */
    public record Dkim(boolean offered, Optional<String> selector, String note) { }

    public Profile {
        unknowns = List.copyOf(unknowns);
        servers = List.copyOf(servers);
    }

    public Optional<Server> server(String idOrAlias) {
        return servers.stream().filter(s -> s.answersTo(idOrAlias)).findFirst();
    }
}
