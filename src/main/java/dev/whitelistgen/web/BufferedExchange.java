package dev.whitelistgen.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * One request that {@link HttpFront} has read completely, and its answer collected in memory, behind the JDK's
 * HttpExchange API, so the routes do not know which server reads and writes the bytes. A HEAD request is shown
 * to the routes as GET; the front sends the headers without the body.
 */
final class BufferedExchange extends HttpExchange {

    private final HttpFront.Request request;
    private final Headers responseHeaders = new Headers();
    private final ByteArrayOutputStream responseBody = new ByteArrayOutputStream();
    private final Map<String, Object> attributes = new HashMap<>();
    private int status = -1;
    private long declaredLength;

    BufferedExchange(HttpFront.Request request) {
        this.request = request;
    }

    @Override
    public Headers getRequestHeaders() {
        return request.headers();
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return request.uri();
    }

    @Override
    public String getRequestMethod() {
        return request.method().equals("HEAD") ? "GET" : request.method();
    }

    /** No contexts: one handler answers every path. */
    @Override
    public HttpContext getHttpContext() {
        return null;
    }

    @Override
    public void close() {
        // nothing to release: the front writes the collected answer when the handler returns
    }

    @Override
    public InputStream getRequestBody() {
        return new ByteArrayInputStream(request.body());
    }

    @Override
    public OutputStream getResponseBody() {
        return responseBody;
    }

    /** As the JDK's: length 0 is "any length", -1 "no body"; the front always sends Content-Length. */
    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (status != -1) {
            throw new IOException("headers already sent");
        }
        status = code;
        declaredLength = length;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return request.remote();
    }

    @Override
    public int getResponseCode() {
        return status;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return request.local();
    }

    @Override
    public String getProtocol() {
        return request.version();
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void setStreams(InputStream in, OutputStream out) {
        throw new UnsupportedOperationException("serve uses no filters");
    }

    /** No authentication: the page has no login (docs/serve.md, "Safety"). */
    @Override
    public HttpPrincipal getPrincipal() {
        return null;
    }

    boolean answered() {
        return status != -1;
    }

    int status() {
        return status;
    }

    /** The body as the handler wrote it; null when it wrote other than it declared (a bug the front answers with 500). */
    byte[] body() {
        byte[] body = responseBody.toByteArray();
        if (declaredLength == -1 && body.length > 0 || declaredLength > 0 && body.length != declaredLength) {
            return null;
        }
        return body;
    }
}
