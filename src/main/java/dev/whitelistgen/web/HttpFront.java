package dev.whitelistgen.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;

/**
 * Reads serve's requests without tying a worker thread to a client. One thread accepts the connections and reads
 * every request, non-blocking, until it is whole (within a deadline counted from its first byte and the size
 * limits); only then does a worker run the routes, which render the answer into memory; the same thread writes it
 * back. A client that trickles its request holds one of a bounded number of connections (per address and in all),
 * never a worker. The JDK's own server reads each request on a worker thread, so four slow clients stopped it
 * (issue 27); the routes keep the JDK's HttpHandler API ({@link BufferedExchange}).
 *
 * <p>HTTP/1.1 as RFC 9110/9112 ask of an origin server: persistent connections and pipelined requests (answered in
 * order), Expect: 100-continue, HEAD wherever GET works, one line with its status for every refusal, and a lingering
 * close after one so the client reads the status rather than a reset. A chunked request body gets 411 (RFC 9112
 * §6.3 lets a server require Content-Length; browsers send it for forms).
 */
final class HttpFront implements AutoCloseable {

    /** The time and connection bounds; {@link #SERVE} are serve's, docs/serve.md ("Safety") lists them. */
    record Limits(Duration requestDeadline, Duration idleTimeout, Duration responseDeadline, int perAddress, int total) {
        static final Limits SERVE = new Limits(Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(60), 32, 256);
    }

    /** A whole request as the routes see it. */
    record Request(String method, URI uri, String version, Headers headers, byte[] body, InetSocketAddress remote,
                   InetSocketAddress local) {
    }

    /** The query may be 16 KiB (WebApp answers a longer one with its own 414); path and spare on top. */
    static final int MAX_REQUEST_LINE = 20 * 1024;
    static final int MAX_HEADER_BYTES = 32 * 1024;
    static final int MAX_HEADERS = 64;
    static final int MAX_BODY = WebApp.MAX_BODY_BYTES;

    /** Every answer, the front's own refusals included. No script or style but the page's own files, nothing framed. */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                    + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cross-Origin-Resource-Policy", "same-origin",
            "Cache-Control", "no-store");

    private static final int FIRST_BUFFER = 8 * 1024;
    /** Request line, headers and body at their limits fit; a buffer grows only as a request needs it. */
    private static final int MAX_BUFFER = 128 * 1024;
    /** After a refusal: read and drop what the client still sends (at most this much, this long), then close. */
    private static final int LINGER_BYTES = 2 * 1024 * 1024;
    private static final long LINGER_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long TICK_MILLIS = 100;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private enum State { READING, WORKING, WRITING, LINGERING }

    /** A request the front refuses itself, with its status. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refusal(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private record Answer(Connection connection, ByteBuffer bytes, boolean close) {
    }

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final HttpHandler handler;
    private final ExecutorService workers;
    private final ServedHosts hosts;
    private final Limits limits;
    private final Thread thread;
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    // the front thread's own: no locks
    private final Set<Connection> connections = new LinkedHashSet<>();
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    /** connections.size() for other threads: a client's connect() returns before this thread has accepted it. */
    private volatile int open;
    private volatile boolean stopping;

    private HttpFront(ServerSocketChannel listener, Selector selector, HttpHandler handler, ExecutorService workers,
                      ServedHosts hosts, Limits limits) {
        this.listener = listener;
        this.selector = selector;
        this.handler = handler;
        this.workers = workers;
        this.hosts = hosts;
        this.limits = limits;
        this.thread = new Thread(this::run, "whitelist-gen-serve-front");
        thread.setDaemon(true);
    }

    static HttpFront start(InetSocketAddress address, HttpHandler handler, ExecutorService workers, ServedHosts hosts,
                           Limits limits) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.bind(address, 128);
            listener.configureBlocking(false);
            Selector selector = Selector.open();
            listener.register(selector, SelectionKey.OP_ACCEPT);
            HttpFront front = new HttpFront(listener, selector, handler, workers, hosts, limits);
            front.thread.start();
            return front;
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    InetSocketAddress address() {
        try {
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("serve's socket is closed", e);
        }
    }

    /** The connections accepted and not yet closed (the bounds count these). */
    int openConnections() {
        return open;
    }

    /** Stops accepting, gives answers being rendered or written a second to finish, then closes every connection. */
    @Override
    public void close() {
        stopping = true;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Connection {
        final SocketChannel channel;
        final SelectionKey key;
        final InetAddress peer;
        ByteBuffer in = ByteBuffer.allocate(FIRST_BUFFER);
        State state = State.READING;
        /** nanoTime: accepted or last answered (idle), first byte (reading), answer begun (writing), refusal sent (lingering). */
        long since = System.nanoTime();
        boolean requestBegun;
        int headStart;
        int scanned;
        int lineStart;
        int requestLineEnd = -1;
        int headerLines;
        int headEnd = -1;
        int emptyLines;
        int bodyLength;
        boolean expectsContinue;
        ByteBuffer out;
        boolean closeAfter;
        int lingered;

        Connection(SocketChannel channel) throws IOException {
            this.channel = channel;
            this.peer = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
            this.key = channel.register(selector, SelectionKey.OP_READ, this);
        }
    }

    private void run() {
        long lastSweep = System.nanoTime();
        long stopBy = 0;
        try {
            while (true) {
                selector.select(TICK_MILLIS);
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                for (Answer answer; (answer = answers.poll()) != null; ) {
                    if (answer.connection().channel.isOpen()) {
                        startWriting(answer.connection(), answer.bytes(), answer.close());
                    }
                }
                long now = System.nanoTime();
                if (stopping) {
                    if (stopBy == 0) {
                        stopBy = now + Duration.ofSeconds(1).toNanos();
                        listener.close();
                    }
                    if (now > stopBy || connections.stream().noneMatch(c -> c.state == State.WORKING || c.state == State.WRITING)) {
                        break;
                    }
                }
                if (now - lastSweep >= TICK_MILLIS * 1_000_000) {
                    sweep(now);
                    lastSweep = now;
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("whitelist-gen serve: stopped accepting connections: " + e);
        } finally {
            new ArrayList<>(connections).forEach(this::close);
            try {
                listener.close();
                selector.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.channel() == listener) {
            acceptAll();
            return;
        }
        Connection c = (Connection) key.attachment();
        try {
            if (key.isReadable()) {
                if (c.state == State.LINGERING) {
                    linger(c);
                } else if (c.state == State.READING) {
                    read(c);
                }
            } else if (key.isWritable() && c.state == State.WRITING) {
                write(c);
            }
        } catch (IOException | CancelledKeyException e) {
            close(c); // the client went away
        }
    }

    private void acceptAll() {
        while (true) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                return; // out of file descriptors, say: the waiting ones are tried on the next round
            }
            if (channel == null) {
                return;
            }
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                InetAddress peer = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
                int fromPeer = perAddress.getOrDefault(peer, 0);
                if (fromPeer >= limits.perAddress() || connections.size() >= limits.total()) {
                    turnAway(channel, fromPeer >= limits.perAddress()
                            ? "too many connections from " + peer.getHostAddress() + " (at most " + limits.perAddress() + ")"
                            : "too many connections (at most " + limits.total() + ")");
                    continue;
                }
                connections.add(new Connection(channel));
                perAddress.merge(peer, 1, Integer::sum);
                open = connections.size();
            } catch (IOException e) {
                closeQuietly(channel);
            }
        }
    }

    /** Over a connection bound: one 503 line if the socket takes it at once, then closed; nothing is held for it. */
    private static void turnAway(SocketChannel channel, String message) {
        try (channel) {
            channel.write(response(503, textHeaders(), (message + "\n").getBytes(StandardCharsets.UTF_8), false, true));
            channel.shutdownOutput();
        } catch (IOException ignored) {
            // it is closed either way
        }
    }

    private void read(Connection c) throws IOException {
        ByteBuffer in = c.in;
        if (!in.hasRemaining()) {
            if (in.capacity() >= MAX_BUFFER) {
                refuse(c, 431, "request too large");
                return;
            }
            c.in = ByteBuffer.allocate(Math.min(MAX_BUFFER, in.capacity() * 2)).put(in.flip());
        }
        int read = c.channel.read(c.in);
        if (read < 0) {
            close(c);
            return;
        }
        if (read > 0 && !c.requestBegun) {
            c.requestBegun = true;
            c.since = System.nanoTime();
        }
        advance(c);
    }

    /** Parses what has arrived; a whole request goes to a worker, and the connection reads no more until it is answered. */
    private void advance(Connection c) throws IOException {
        Request request;
        boolean keepAlive;
        try {
            request = parse(c);
            if (request == null) {
                return;
            }
            keepAlive = request.version().equals("HTTP/1.1") && !hasToken(request.headers(), "Connection", "close");
        } catch (Refusal refusal) {
            refuse(c, refusal.status, refusal.getMessage());
            return;
        }
        c.state = State.WORKING;
        c.key.interestOps(0);
        boolean head = request.method().equals("HEAD");
        try {
            workers.execute(() -> {
                answers.add(new Answer(c, answer(request, head, !keepAlive), !keepAlive));
                selector.wakeup();
            });
        } catch (RejectedExecutionException stopped) {
            close(c);
        }
    }

    /** Null until the request is whole. */
    private Request parse(Connection c) throws Refusal, IOException {
        byte[] bytes = c.in.array();
        int filled = c.in.position();
        if (c.headEnd < 0) {
            for (int i = c.scanned; i < filled; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                int lineEnd = i > c.lineStart && bytes[i - 1] == '\r' ? i - 1 : i;
                if (lineEnd == c.lineStart && c.requestLineEnd < 0) {
                    // RFC 9112 §2.2: empty lines before the request line are ignored (a few)
                    if (++c.emptyLines > 8) {
                        throw new Refusal(400, "bad request: empty lines instead of a request line");
                    }
                    c.headStart = c.lineStart = i + 1;
                } else if (lineEnd == c.lineStart) {
                    c.headEnd = i + 1;
                    break;
                } else if (c.requestLineEnd < 0) {
                    c.requestLineEnd = lineEnd;
                    c.lineStart = i + 1;
                } else {
                    if (++c.headerLines > MAX_HEADERS) {
                        throw new Refusal(431, "more than " + MAX_HEADERS + " request headers");
                    }
                    c.lineStart = i + 1;
                }
            }
            c.scanned = c.headEnd >= 0 ? c.headEnd : filled;
            int lineLength = (c.requestLineEnd >= 0 ? c.requestLineEnd : filled) - c.headStart;
            if (lineLength > MAX_REQUEST_LINE) {
                throw new Refusal(414, "request line over " + MAX_REQUEST_LINE + " bytes (path and query too long)");
            }
            if (c.requestLineEnd >= 0 && (c.headEnd >= 0 ? c.headEnd : filled) - c.requestLineEnd > MAX_HEADER_BYTES) {
                throw new Refusal(431, "request headers over " + MAX_HEADER_BYTES + " bytes");
            }
            if (c.headEnd < 0) {
                return null;
            }
            checkHead(c, bytes);
        }
        if (filled - c.headEnd < c.bodyLength) {
            return null;
        }
        return request(c, bytes);
    }

    /** The head is whole: checks what the body and the answer depend on before the body is read. */
    private void checkHead(Connection c, byte[] bytes) throws Refusal, IOException {
        Request head = request(c, bytes);
        Headers headers = head.headers();
        if (headers.containsKey("Transfer-Encoding")) {
            throw new Refusal(411, "send the request body with Content-Length (no chunked bodies)");
        }
        List<String> lengths = headers.getOrDefault("Content-Length", List.of());
        if (lengths.stream().distinct().count() > 1 || lengths.stream().anyMatch(l -> !l.matches("\\d{1,18}"))) {
            throw new Refusal(400, "bad Content-Length");
        }
        long length = lengths.isEmpty() ? 0 : Long.parseLong(lengths.get(0));
        if (length > MAX_BODY) {
            throw new Refusal(413, "request body over " + MAX_BODY + " bytes");
        }
        c.bodyLength = (int) length;
        int arrived = c.in.position() - c.headEnd;
        if (arrived < length && hasToken(headers, "Expect", "100-continue")) {
            ByteBuffer interim = ByteBuffer.wrap(CONTINUE);
            c.channel.write(interim);
            if (interim.hasRemaining()) {
                throw new IOException("cannot send 100 Continue");
            }
        }
    }

    /** The request as parsed from the head (and the body once it is there): the checks every request passes. */
    private Request request(Connection c, byte[] bytes) throws Refusal, IOException {
        String head = new String(bytes, c.headStart, c.headEnd - c.headStart, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r?\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || !TOKEN.matcher(requestLine[0]).matches() || !requestLine[2].matches("HTTP/\\d\\.\\d")) {
            throw new Refusal(400, "bad request line: " + printable(lines[0]));
        }
        String method = requestLine[0];
        String version = requestLine[2];
        if (!version.startsWith("HTTP/1.")) {
            throw new Refusal(505, "HTTP version " + version + " not supported; use HTTP/1.1");
        }
        Headers headers = new Headers();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new Refusal(400, "bad request header: a folded line (RFC 9112 §5.2)");
            }
            if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches() || line.indexOf('\r') >= 0) {
                throw new Refusal(400, "bad request header: " + printable(line));
            }
            headers.add(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        URI uri = target(requestLine[1], headers, version);
        if (!method.equals("GET") && !method.equals("HEAD")) {
            String origin = headers.getFirst("Origin");
            if (origin != null && !hosts.servesOrigin(origin)) {
                throw new Refusal(403, "Origin '" + printable(origin) + "' is another site; serve takes forms only from its own page");
            }
        }
        byte[] body = new byte[Math.min(c.bodyLength, Math.max(0, c.in.position() - c.headEnd))];
        System.arraycopy(bytes, c.headEnd, body, 0, body.length);
        return new Request(method, uri, version, headers, body, (InetSocketAddress) c.channel.getRemoteAddress(),
                (InetSocketAddress) c.channel.getLocalAddress());
    }

    /** The path and query; the host named (Host, or an absolute target) must be one serve answers to. */
    private URI target(String target, Headers headers, String version) throws Refusal {
        List<String> host = headers.getOrDefault("Host", List.of());
        if (version.equals("HTTP/1.1") && host.size() != 1) {
            throw new Refusal(400, "a request needs exactly one Host header (RFC 9112 §3.2)");
        }
        try {
            URI uri = new URI(target);
            String named = host.isEmpty() ? null : host.get(0);
            if (uri.isAbsolute()) {
                // absolute form (RFC 9112 §3.2.2): its authority is the host, whatever Host says
                if (!uri.getScheme().matches("(?i)https?") || uri.getRawAuthority() == null) {
                    throw new Refusal(400, "bad request target: " + printable(target));
                }
                named = uri.getRawAuthority();
                uri = new URI((uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            } else if (!target.startsWith("/") || target.startsWith("//")) {
                throw new Refusal(400, "bad request target: " + printable(target) + " (expected a path starting with one '/')");
            }
            if (named != null && !hosts.servesHost(named)) {
                throw new Refusal(421, "Host '" + printable(named) + "' is not a name this server answers to: "
                        + String.join(", ", hosts.names()) + " (serve --public-host NAME adds one)");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new Refusal(400, "bad request target: " + e.getReason() + " at index " + e.getIndex()
                    + " (a bad %-escape or a character that must be %-escaped)");
        }
    }

    /** On a worker: the routes fill a BufferedExchange; any failure is one 500 line, never a half answer. */
    private ByteBuffer answer(Request request, boolean head, boolean close) {
        BufferedExchange exchange = new BufferedExchange(request);
        byte[] body = null;
        try {
            handler.handle(exchange);
            body = exchange.answered() ? exchange.body() : null;
            if (body == null) {
                System.err.println("whitelist-gen serve: internal error on " + request.uri().getRawPath() + ": no or a wrong-sized answer");
            }
        } catch (IOException | RuntimeException | StackOverflowError e) {
            System.err.println("whitelist-gen serve: internal error on " + request.uri().getRawPath() + ": " + e);
        } catch (OutOfMemoryError e) {
            // the request's data is garbage once the stack has unwound: answer, or the connection would wait forever
            System.err.println("whitelist-gen serve: out of memory on " + request.uri().getRawPath() + " (heap limit "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB)");
        }
        try {
            if (body != null) {
                return response(exchange.status(), exchange.getResponseHeaders(), body, head, close);
            }
        } catch (IllegalArgumentException badHeader) {
            System.err.println("whitelist-gen serve: internal error on " + request.uri().getRawPath() + ": " + badHeader.getMessage());
        }
        return response(500, textHeaders(), "internal error (a bug; please report it)\n".getBytes(StandardCharsets.UTF_8), head, close);
    }

    /** A refusal: its one line, then the connection lingers so the client reads the status instead of a reset. */
    private void refuse(Connection c, int status, String message) {
        c.key.interestOps(0);
        startWriting(c, response(status, textHeaders(), (message + "\n").getBytes(StandardCharsets.UTF_8), false, true), true);
    }

    private void startWriting(Connection c, ByteBuffer bytes, boolean close) {
        c.state = State.WRITING;
        c.out = bytes;
        c.closeAfter = close;
        c.since = System.nanoTime();
        try {
            write(c);
        } catch (IOException | CancelledKeyException e) {
            close(c);
        }
    }

    private void write(Connection c) throws IOException {
        c.channel.write(c.out);
        if (c.out.hasRemaining()) {
            c.key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        c.out = null;
        if (c.closeAfter) {
            c.channel.shutdownOutput();
            c.state = State.LINGERING;
            c.since = System.nanoTime();
            c.in = ByteBuffer.allocate(FIRST_BUFFER);
            c.key.interestOps(SelectionKey.OP_READ);
        } else {
            nextRequest(c);
        }
    }

    /** Keeps what the client sent after the answered request (a pipelined one) and reads on. */
    private void nextRequest(Connection c) throws IOException {
        ByteBuffer in = c.in.flip();
        in.position(c.headEnd + c.bodyLength);
        c.in = ByteBuffer.allocate(Math.max(FIRST_BUFFER, Integer.highestOneBit(Math.max(1, in.remaining())) * 2)).put(in);
        c.headStart = c.scanned = c.lineStart = c.headerLines = c.emptyLines = c.bodyLength = 0;
        c.requestLineEnd = c.headEnd = -1;
        c.state = State.READING;
        c.requestBegun = c.in.position() > 0;
        c.since = System.nanoTime();
        c.key.interestOps(SelectionKey.OP_READ);
        if (c.requestBegun) {
            advance(c);
        }
    }

    private void linger(Connection c) throws IOException {
        c.in.clear();
        int read = c.channel.read(c.in);
        c.lingered += Math.max(0, read);
        if (read < 0 || c.lingered > LINGER_BYTES) {
            close(c);
        }
    }

    /** Deadlines: a request not whole in time gets 408; an idle connection, a stalled answer or a lingering close ends. */
    private void sweep(long now) {
        for (Connection c : new ArrayList<>(connections)) {
            long age = now - c.since;
            switch (c.state) {
                case READING -> {
                    if (c.requestBegun && age > limits.requestDeadline().toNanos()) {
                        refuse(c, 408, "request not complete within " + limits.requestDeadline().toSeconds() + " s");
                    } else if (!c.requestBegun && age > limits.idleTimeout().toNanos()) {
                        close(c);
                    }
                }
                case WRITING -> {
                    if (age > limits.responseDeadline().toNanos()) {
                        close(c);
                    }
                }
                case LINGERING -> {
                    if (age > LINGER_NANOS) {
                        close(c);
                    }
                }
                case WORKING -> {
                    // a worker renders it; pages take milliseconds
                }
            }
        }
    }

    private void close(Connection c) {
        if (connections.remove(c)) {
            perAddress.computeIfPresent(c.peer, (peer, count) -> count == 1 ? null : count - 1);
            open = connections.size();
        }
        c.key.cancel();
        closeQuietly(c.channel);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // gone either way
        }
    }

    private static Headers textHeaders() {
        Headers headers = new Headers();
        headers.set("Content-Type", "text/plain; charset=utf-8");
        return headers;
    }

    /** Status line, headers (the security headers, Date, Content-Length) and, but for HEAD, the body. */
    static ByteBuffer response(int status, Headers headers, byte[] body, boolean head, boolean close) {
        Map<String, List<String>> all = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> all.put(name, values));
        SECURITY_HEADERS.forEach((name, value) -> all.put(name, List.of(value)));
        all.put("Date", List.of(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))));
        boolean bodyAllowed = status >= 200 && status != 204 && status != 304;
        if (bodyAllowed) {
            all.put("Content-Length", List.of(Integer.toString(body.length)));
        } else {
            all.remove("Content-Length");
        }
        if (close) {
            all.put("Connection", List.of("close"));
        }
        StringBuilder text = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        all.forEach((name, values) -> values.forEach(value -> {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a line break in the value of response header " + name);
            }
            text.append(canonical(name)).append(": ").append(value).append("\r\n");
        }));
        text.append("\r\n");
        byte[] start = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        boolean withBody = bodyAllowed && !head;
        ByteBuffer bytes = ByteBuffer.allocate(start.length + (withBody ? body.length : 0)).put(start);
        if (withBody) {
            bytes.put(body);
        }
        return bytes.flip();
    }

    /** Content-type → Content-Type: the JDK's Headers lower-case all but the first letter. */
    private static String canonical(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char ch : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(ch) : ch);
            upper = ch == '-';
        }
        return out.toString();
    }

    private static boolean hasToken(Headers headers, String name, String token) {
        for (String value : headers.getOrDefault(name, List.of())) {
            for (String part : value.split(",")) {
                if (part.strip().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A client's text echoed in a refusal: printable ASCII, at most 100 characters. */
    private static String printable(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() <= 100 ? clean : clean.substring(0, 100) + "...";
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 421 -> "Misdirected Request";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }
}
