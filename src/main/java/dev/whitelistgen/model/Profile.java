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
        Dkim dkim,
        List<Inference> inferred) {

    public enum Status { CURRENT, SUPERSEDED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Where the data comes from: the article as a reader can find it (publisher and title where its text names
     * them, else its first heading; language) and what can be said about its date. {@code file} is provenance only,
     * the article's file among the collected articles that the profile tests read (empty when not given): no customer
     * or support agent can look it up, so no output names it. Empty texts stand for what the article does not show.
     */
    public record Source(String publisher, String title, String heading, String language, String file, String dated, String summary) {

        public Source(String publisher, String title, String language, String file, String dated, String summary) {
            this(publisher, title, "", language, file, dated, summary);
        }

        /** The language's English name ("Swedish"), or the code where the JDK knows no name for it. */
        public String languageName() {
            // looked up once per code: the JDK builds a resource lookup per call, and serve asks on every render
            return LANGUAGE_NAMES.computeIfAbsent(language,
                    code -> new java.util.Locale(code).getDisplayLanguage(java.util.Locale.ENGLISH));
        }

        private static final java.util.Map<String, String> LANGUAGE_NAMES = new java.util.concurrent.ConcurrentHashMap<>();

        /**
         * How a reader finds the article: "Netigate Success Center, article 'Jag får inga e-postutskick' (Swedish)",
         * or, with no title it shows, "the article whose first heading is 'Das Problem: …' (German)".
         */
        public String citation() {
            String article = title.isEmpty() ? "the article whose first heading is '" + heading + "'" : "article '" + title + "'";
            return (publisher.isEmpty() ? article : publisher + ", " + article) + " (" + languageName() + ")";
        }
    }

    /** Empty {@code inboundRequired}: the article does not say. */
    public record Tls(Optional<Boolean> inboundRequired, String note) { }

    /** Empty {@code offered}: the article does not say. The articles give no selector or key, so the selector is empty unless a source states one. */
    public record Dkim(Optional<Boolean> offered, Optional<String> selector, String note) { }

    /** A value that is not copied from the article but inferred, named by its field path ("servers.azure.aliases"), and why. */
    public record Inference(String field, String why) { }

    public Profile {
        unknowns = List.copyOf(unknowns);
        servers = List.copyOf(servers);
        inferred = List.copyOf(inferred);
    }

    /** A profile that lists no inference. */
    public Profile(Path file, String vendor, String version, Status status, Optional<String> supersedes, Source source,
                   List<String> unknowns, List<Server> servers, Tls tls, Dkim dkim) {
        this(file, vendor, version, status, supersedes, source, unknowns, servers, tls, dkim, List.of());
    }

    public Optional<Server> server(String idOrAlias) {
        return servers.stream().filter(s -> s.answersTo(idOrAlias)).findFirst();
    }
}
