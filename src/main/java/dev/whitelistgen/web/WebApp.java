package dev.whitelistgen.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.whitelistgen.UserError;
import dev.whitelistgen.app.AllowlistService;
import dev.whitelistgen.app.BundleRequest;
import dev.whitelistgen.app.CustomerFields;
import dev.whitelistgen.app.DiffRequest;
import dev.whitelistgen.app.GenerateRequest;
import dev.whitelistgen.app.MxLookup;
import dev.whitelistgen.app.ServerChoice;
import dev.whitelistgen.check.Report;
import dev.whitelistgen.check.ReportPrinter;
import dev.whitelistgen.diff.DiffReport;
import dev.whitelistgen.dns.DnsjavaResolver;
import dev.whitelistgen.model.Flag;
import dev.whitelistgen.model.Profile;
import dev.whitelistgen.model.Server;
import dev.whitelistgen.output.Json;
import dev.whitelistgen.render.Escapers;
import dev.whitelistgen.render.Progress;
import dev.whitelistgen.render.RenderedFile;
import dev.whitelistgen.render.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * The routes of `whitelist-gen serve`. Every route answers HTML for a browser and JSON for
 * {@code Accept: application/json}; downloads are attachments. Requests are independent and nothing is stored.
 */
final class WebApp implements HttpHandler {

    /** A form body is a few KiB at most (domains and SPF records); anything larger is not this page's. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_QUERY_BYTES = 16 * 1024;

    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final Map<String, String> STATIC = Map.of("/static/app.js", "text/javascript; charset=utf-8",
            "/static/app.css", "text/css; charset=utf-8");

    /** Generate, download and bundle take these; the API may repeat domains and existing_spf. */
    static final Set<String> GENERATE_FIELDS = Set.of("server", "server_url", "target", "domains", "existing_spf",
            "ip_allow_list", "dkim_signed", "behind", "lang", "spf_mode", "profile");
    static final Set<String> VERSIONS_FIELDS = Set.of("from", "to", "target", "server", "domains");
    static final Set<String> MX_FIELDS = Set.of(FieldLabels.MX_DOMAIN);

    /**
     * The longest wait for one DNS answer of the MX lookup: a support agent waits for the page, so less than the
     * CLI's default of 5 s; an MX lookup asks at most three questions (MX, then A and AAAA when there is no MX).
     */
    static final Duration MX_TIMEOUT = Duration.ofSeconds(3);
    /**
     * MX lookups at once: each may hold a worker for seconds waiting on DNS, so they get at most half of the pool's
     * (at least four) workers, and generating never waits behind a burst of lookups.
     */
    static final int MX_AT_ONCE = 2;

    private final AllowlistService service;
    /** serve's --dns-server for the MX lookup; null: the system's resolvers. */
    private final String dnsServer;
    private final Semaphore lookups = new Semaphore(MX_AT_ONCE);
    private final Pages pages = new Pages();
    /**
     * Targets, servers, languages and versions, read once at start (every profile and target: a broken one stops
     * serve at start, not a customer's request). One service serves every request thread: the catalogs are
     * synchronized, FreeMarker's configuration is thread-safe once set up, and everything else is per request.
     */
    private final Map<String, Object> catalog;

    WebApp(AllowlistService service, String dnsServer) {
        this.service = service;
        this.dnsServer = dnsServer;
        this.catalog = Collections.unmodifiableMap(catalog());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean json = wantsJson(exchange);
            try {
                route(exchange, json);
            } catch (WebError e) {
                if (e.allow() != null) {
                    exchange.getResponseHeaders().set("Allow", e.allow()); // RFC 9110 §15.5.6: every 405 says what is
                }
                if (json) {
                    send(exchange, e.status(), JSON, Json.write(Map.of("error", e.getMessage())));
                } else {
                    send(exchange, e.status(), TEXT, e.getMessage() + "\n");
                }
            } catch (RuntimeException e) {
                // a bug: the client gets one line, never a stack trace
                System.err.println("whitelist-gen serve: internal error on " + exchange.getRequestURI().getPath() + ": " + e);
                String message = "internal error (a bug; please report it)";
                send(exchange, 500, json ? JSON : TEXT, json ? Json.write(Map.of("error", message)) : message + "\n");
            }
        }
    }

    private void route(HttpExchange exchange, boolean json) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        if (STATIC.containsKey(path)) {
            requireMethod(method, false);
            try (InputStream in = WebApp.class.getResourceAsStream("/web" + path)) {
                send(exchange, 200, STATIC.get(path), in.readAllBytes(), Map.of());
            }
            return;
        }
        switch (path) {
            case "/" -> {
                requireMethod(method, false);
                Form form = Form.parse(query(exchange), GENERATE_FIELDS);
                if (json) {
                    send(exchange, 200, JSON, Json.write(catalog));
                } else {
                    send(exchange, 200, HTML, pages.render("generate", generateModel(form, null)));
                }
            }
            // browsers ask for it on every page; "nothing" rather than a 404 in every console
            case "/favicon.ico" -> send(exchange, 204, TEXT, new byte[0], Map.of());
            case "/generate" -> generate(exchange, form(exchange, GENERATE_FIELDS), json);
            case "/download" -> download(exchange, form(exchange, union(GENERATE_FIELDS, "file")), json);
            case "/bundle" -> bundle(exchange, form(exchange, GENERATE_FIELDS), json);
            case "/versions" -> {
                requireMethod(method, false);
                versions(exchange, Form.parse(query(exchange), VERSIONS_FIELDS), json);
            }
            case "/mx" -> {
                requireMethod(method, false);
                mx(exchange, Form.parse(query(exchange), MX_FIELDS), json);
            }
            default -> throw new WebError(404, "no such page: " + path);
        }
    }

    /** A generate request and its result, for the page and the API. */
    private record Generated(GenerateRequest request, AllowlistService.Generated result) { }

    private Generated generate(Form form) {
        GenerateRequest request = GenerateRequest.of(new GenerateRequest.Fields(form.one("profile"), form.all("target"),
                serverChoice(form), customer(form)), service.sources());
        return new Generated(request, service.generate(request, Progress.NONE));
    }

    private void generate(HttpExchange exchange, Form form, boolean json) throws IOException {
        try {
            Generated generated = generate(form);
            if (json) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("command", Escapers.commandLine(generated.request().args()));
                body.put("profile", generated.request().profile().profile().version());
                body.put("servers", generated.request().servers().stream().map(Server::id).toList());
                body.put("left_out", leftOut(generated.result()));
                body.put("files", generated.result().files().stream().map(f -> Map.of("path", f.path(), "content", f.content())).toList());
                send(exchange, 200, JSON, Json.write(body));
            } else {
                Map<String, Object> model = generateModel(form, null);
                model.put("result", result(form, generated));
                send(exchange, 200, HTML, pages.render("generate", model));
            }
        } catch (UserError error) {
            Problems problems = Problems.of(error);
            answerProblems(exchange, json, problems, () -> pages.render("generate", generateModel(form, problems)));
        }
    }

    private void download(HttpExchange exchange, Form form, boolean json) throws IOException {
        String wanted = form.one("file");
        if (wanted == null) {
            throw new WebError(400, "file: name the file to download (a path the generate page lists)");
        }
        try {
            List<RenderedFile> files = generate(form).result().files();
            for (RenderedFile file : files) {
                if (file.path().equals(wanted)) {
                    sendAttachment(exchange, contentType(file.path()), file.path().replace('/', '-'),
                            file.content().getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            throw new WebError(404, "file: '" + wanted + "' is not one of the generated files: "
                    + String.join(", ", files.stream().map(RenderedFile::path).toList()));
        } catch (UserError error) {
            Problems problems = Problems.of(error);
            answerProblems(exchange, json, problems, () -> pages.render("generate", generateModel(form, problems)));
        }
    }

    private void bundle(HttpExchange exchange, Form form, boolean json) throws IOException {
        try {
            BundleRequest request = BundleRequest.of(new BundleRequest.Fields(form.one("profile"), form.all("target"),
                    serverChoice(form), customer(form), form.one("lang")), service.sources());
            AllowlistService.Bundled bundled = service.bundle(request);
            sendAttachment(exchange, "application/zip", bundled.fileName(), bundled.zip());
        } catch (UserError error) {
            Problems problems = Problems.of(error);
            answerProblems(exchange, json, problems, () -> pages.render("generate", generateModel(form, problems)));
        }
    }

    /**
     * "Which mail system does the customer have?": `check mx --domain D` on the server, with serve's --dns-server; the
     * API gives exactly what `check mx --json` prints, the page the findings and a link that ticks the targets.
     */
    private void mx(HttpExchange exchange, Form form, boolean json) throws IOException {
        String domain = form.one(FieldLabels.MX_DOMAIN);
        if (!lookups.tryAcquire()) {
            throw new WebError(503, "the server is already looking up " + MX_AT_ONCE + " domains; try again in a few seconds");
        }
        try {
            Report report;
            try {
                report = MxLookup.run(domain, DnsjavaResolver.create(dnsServer, MX_TIMEOUT));
            } finally {
                lookups.release();
            }
            if (json) {
                send(exchange, 200, JSON, ReportPrinter.json(report));
                return;
            }
            Map<String, Object> model = generateModel(form, null);
            Map<String, Object> mx = mxResult(report);
            model.put("mx", mx);
            // the lookup names a gateway: "Behind a gateway" is filled in with it, as the JavaScript does in place
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) model.get("values");
            values.put("behind", mx.get("behind"));
            send(exchange, 200, HTML, pages.render("generate", model));
        } catch (UserError error) {
            Problems problems = Problems.at(FieldLabels.MX_DOMAIN, error);
            answerProblems(exchange, json, problems, () -> pages.render("generate", generateModel(form, problems)));
        }
    }

    private Map<String, Object> mxResult(Report report) {
        Map<String, Object> mx = new LinkedHashMap<>();
        mx.put("passed", report.passed());
        mx.put("summary", report.summary());
        mx.put("findings", report.findings().stream().map(f -> Map.of("level", f.level().label(), "text", f.text())).toList());
        Object suggested = report.data().getOrDefault("targets", List.of());
        List<String> targets = new ArrayList<>(((List<?>) suggested).stream().map(String::valueOf)
                .filter(service.sources().targets().names()::contains).toList());
        String behind = (String) report.data().getOrDefault("behind", "");
        if (!targets.isEmpty() && !behind.isEmpty()) {
            // behind a gateway with a target: its bundle also holds the mailbox systems' parts (bundle --behind)
            BundleRequest.MAILBOX_TARGETS.stream().filter(service.sources().targets().names()::contains)
                    .filter(t -> !targets.contains(t)).forEach(targets::add);
        }
        mx.put("targets", targets);
        mx.put("behind", behind);
        List<String> query = new ArrayList<>(targets.stream().map(t -> "target=" + URLEncoder.encode(t, StandardCharsets.UTF_8)).toList());
        if (!behind.isEmpty()) {
            query.add("behind=" + URLEncoder.encode(behind, StandardCharsets.UTF_8));
        }
        mx.put("select", "/?" + String.join("&", query));
        List<String> command = new ArrayList<>(List.of("whitelist-gen", "check", "mx", "--domain", (String) report.data().get("domain")));
        if (dnsServer != null) {
            command.addAll(List.of("--dns-server", dnsServer));
        }
        mx.put("command", Escapers.commandLine(command));
        return mx;
    }

    private void versions(HttpExchange exchange, Form form, boolean json) throws IOException {
        List<Map<String, Object>> profiles = new ArrayList<>();
        for (Profile p : service.sources().profiles().all()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("version", p.version());
            row.put("status", p.status().label());
            row.put("supersedes", p.supersedes().orElse(""));
            row.put("source", p.source().citation());
            row.put("publisher", p.source().publisher());
            row.put("title", p.source().title());
            // the German article shows no title: it is cited by its first heading
            row.put("heading", p.source().heading());
            row.put("language", p.source().language());
            row.put("dated", p.source().dated());
            profiles.add(row);
        }
        boolean asked = !form.asMap().isEmpty();
        try {
            DiffRequest request = null;
            DiffReport report = null;
            if (asked) {
                request = DiffRequest.of(new DiffRequest.Fields(form.one("from"), form.one("to"), form.all("target"),
                        new ServerChoice(form.one("server"), null), new CustomerFields(domains(form), List.of(), "auto", Set.of(), false, null)),
                        service.sources());
                report = service.diff(request).report();
            }
            if (json) {
                // the diff exactly as `whitelist-gen diff --json` prints it; the versions when no diff was asked for
                send(exchange, 200, JSON, report != null ? report.json() : Json.write(Map.of("profiles", profiles)));
                return;
            }
            Map<String, Object> model = versionsModel(form, profiles, null);
            if (report != null) {
                // the CLI prints nothing when nothing differs and no target refuses a profile
                model.put("diff", Map.of("different", !report.text().isEmpty(), "text", report.text(),
                        "command", Escapers.commandLine(request.args())));
            }
            send(exchange, 200, HTML, pages.render("versions", model));
        } catch (UserError error) {
            Problems problems = Problems.of(error);
            answerProblems(exchange, json, problems, () -> pages.render("versions", versionsModel(form, profiles, problems)));
        }
    }

    private static ServerChoice serverChoice(Form form) {
        return new ServerChoice(form.one("server"), form.one("server_url"));
    }

    /** Domains one per line or separated by commas or spaces; existing SPF records one per line; options as ticks. */
    private static CustomerFields customer(Form form) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        if (form.checked("ip_allow_list")) {
            flags.add(Flag.IP_ALLOW_LIST);
        }
        if (form.checked("dkim_signed")) {
            flags.add(Flag.DKIM_SIGNED);
        }
        // "behind": empty for "no gateway", else what --behind takes
        String gateway = Optional.ofNullable(form.one("behind")).map(String::strip).orElse("");
        if (!gateway.isEmpty()) {
            flags.add(Flag.BEHIND);
        }
        return new CustomerFields(domains(form), form.split("existing_spf", "\r?\n"),
                Optional.ofNullable(form.one("spf_mode")).orElse("auto"), flags, false, null, gateway);
    }

    private static List<String> domains(Form form) {
        return form.split("domains", "[\\s,]+");
    }

    private static List<String> leftOut(AllowlistService.Generated generated) {
        return generated.leftOut().stream().map(AllowlistService.LeftOut::target).toList();
    }

    private interface Page {
        String html();
    }

    private void answerProblems(HttpExchange exchange, boolean json, Problems problems, Page page) throws IOException {
        if (json) {
            send(exchange, problems.status(), JSON, Json.write(Map.of("errors", problems.json())));
        } else {
            send(exchange, problems.status(), HTML, page.html());
        }
    }

    /** Targets, servers, languages and versions: what a client needs to fill in the form. */
    private Map<String, Object> catalog() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("targets", targetRows());
        body.put("servers", serverRows());
        body.put("languages", service.sources().texts().languages());
        body.put("spf_modes", List.of("auto", "include", "ip"));
        body.put("gateways", Flag.GATEWAYS);
        body.put("profiles", service.sources().profiles().all().stream().map(Profile::version).toList());
        body.put("current_profile", service.sources().profiles().current().version());
        return body;
    }

    private List<Map<String, Object>> targetRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Target target : service.sources().targets().all()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", target.name());
            // the bundle README's title names the mail system, which is when to pick the target
            row.put("title", service.sources().texts().target(target, "en").get("title"));
            row.put("purpose", target.purpose());
            row.put("description", target.description());
            row.put("requires_domain", target.requiresDomain());
            row.put("flags", target.flags().stream().map(Flag::id).sorted().toList());
            rows.add(row);
        }
        return rows;
    }

    private List<Map<String, Object>> serverRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Server server : service.sources().profiles().current().servers()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", server.id());
            row.put("name", server.name());
            row.put("hosts", server.hostAliases());
            rows.add(row);
        }
        return rows;
    }

    private Map<String, Object> generateModel(Form form, Problems problems) {
        Map<String, Object> model = pageModel("generate", form, GENERATE_FIELDS, problems);
        model.put("chosenTargets", form.all("target"));
        model.put("languageNames", languageNames());
        model.put("mxResolver", dnsServer == null ? "the server's own DNS resolver" : "the DNS server " + dnsServer);
        model.put("mxTimeout", MX_TIMEOUT.toSeconds());
        model.put("mxDomain", form.one(FieldLabels.MX_DOMAIN) == null ? "" : form.one(FieldLabels.MX_DOMAIN));
        return model;
    }

    private Map<String, Object> result(Form form, Generated generated) {
        String query = encode(form);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("command", Escapers.commandLine(generated.request().args()));
        result.put("servers", generated.request().servers().stream().map(s -> s.id() + " (" + s.name() + ")").toList());
        result.put("profile", generated.request().profile().profile().version());
        result.put("leftOut", leftOut(generated.result()));
        result.put("files", generated.result().files().stream().map(f -> Map.of("path", f.path(), "content", f.content(),
                "download", "/download?" + query + "&file=" + URLEncoder.encode(f.path(), StandardCharsets.UTF_8))).toList());
        result.put("bundle", "/bundle?" + query);
        return result;
    }

    /** What every page's form needs: the catalog, the values to fill in again, the labels and the problems. */
    private Map<String, Object> pageModel(String page, Form form, Set<String> fields, Problems problems) {
        Map<String, Object> model = new LinkedHashMap<>(catalog);
        model.put("page", page);
        model.put("values", values(form, fields));
        model.put("labels", FieldLabels.all());
        model.put("errors", problems == null ? Map.of() : problems.byField());
        model.put("general", problems == null ? List.of() : problems.general());
        model.put("summary", problems == null ? List.of() : problems.summary());
        return model;
    }

    private Map<String, String> languageNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (String code : service.sources().texts().languages()) {
            names.put(code, FieldLabels.languageName(code));
        }
        return names;
    }

    private Map<String, Object> versionsModel(Form form, List<Map<String, Object>> profiles, Problems problems) {
        Map<String, Object> model = pageModel("versions", form, VERSIONS_FIELDS, problems);
        model.put("rows", profiles);
        return model;
    }

    /** Each field's value as given (repeated values joined by line breaks), to fill the form in again. */
    private static Map<String, Object> values(Form form, Set<String> fields) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String field : fields) {
            values.put(field, String.join("\n", form.all(field)));
        }
        return values;
    }

    private static String encode(Form form) {
        List<String> pairs = new ArrayList<>();
        form.asMap().forEach((name, values) -> {
            if (!name.equals("file")) {
                values.forEach(v -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(v, StandardCharsets.UTF_8)));
            }
        });
        return String.join("&", pairs);
    }

    /** Scripts and configuration as text, CSV, JSON and Markdown as what they are; never as HTML. */
    static String contentType(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.endsWith(".csv")) {
            return "text/csv; charset=utf-8";
        }
        if (name.endsWith(".md")) {
            return "text/markdown; charset=utf-8";
        }
        return TEXT;
    }

    private static boolean wantsJson(HttpExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json");
    }

    private static void requireMethod(String method, boolean postToo) {
        if (!method.equals("GET") && !(postToo && method.equals("POST"))) {
            String allow = postToo ? "GET, HEAD, POST" : "GET, HEAD";
            throw new WebError(405, "method " + method + " not allowed here; use " + allow, allow);
        }
    }

    /** GET with a query string, or POST with a url-encoded body, both within the size limits. */
    private static Form form(HttpExchange exchange, Set<String> known) throws IOException {
        String method = exchange.getRequestMethod();
        requireMethod(method, true);
        if (method.equals("GET")) {
            return Form.parse(query(exchange), known);
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new WebError(415, "send the fields as application/x-www-form-urlencoded");
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > MAX_BODY_BYTES) {
            throw new WebError(413, "request body over " + MAX_BODY_BYTES + " bytes");
        }
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw new WebError(413, "request body over " + MAX_BODY_BYTES + " bytes");
        }
        return Form.parse(new String(body, StandardCharsets.UTF_8), known);
    }

    private static String query(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null && query.length() > MAX_QUERY_BYTES) {
            throw new WebError(414, "query string over " + MAX_QUERY_BYTES + " bytes");
        }
        return query;
    }

    private static Set<String> union(Set<String> fields, String extra) {
        Set<String> all = new java.util.HashSet<>(fields);
        all.add(extra);
        return all;
    }

    private static void sendAttachment(HttpExchange exchange, String type, String fileName, byte[] bytes) throws IOException {
        // file names here are generated output paths ([A-Za-z0-9._-]) or netigate-SERVER-LANG.zip: nothing to escape
        send(exchange, 200, type, bytes, Map.of("Content-Disposition", "attachment; filename=\"" + fileName + "\""));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, Map<String, String> extra) throws IOException {
        // the security headers are the front's, on every answer (HttpFront.SECURITY_HEADERS); HEAD is the front's too
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        extra.forEach(headers::set);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
