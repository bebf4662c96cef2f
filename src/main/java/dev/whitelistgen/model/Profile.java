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

    /**
     * Where the data comes from: the article as a reader can find it (publisher, title, language) and what can be
     * said about its date. {@code file} is provenance only, the article's file among the collected articles that
     * the profile tests read (empty when not given): no customer or support agent can look it up, so no output
     * names it.
     */
    public record Source(String publisher, String title, String language, String file, String dated, String summary) {

        /** The language's English name ("Swedish"), or the code where the JDK knows no name for it. */
        public String languageName() {
            return new java.util.Locale(language).getDisplayLanguage(java.util.Locale.ENGLISH);
        }

        /** How a reader finds the article: "Netigate Success Center, article 'Jag får inga e-postutskick' (Swedish)". */
        public String citation() {
            return publisher + ", article '" + title + "' (" + languageName() + ")";
        }
    }

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
