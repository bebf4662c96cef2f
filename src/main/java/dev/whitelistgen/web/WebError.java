package dev.whitelistgen.web;

/** A request the page refuses before it reaches the engine (size, fields, method, route), with its HTTP status. */
final class WebError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    /** For 405: the methods the route takes (the Allow header). */
    private final String allow;

    WebError(int status, String message) {
        this(status, message, null);
    }

    WebError(int status, String message, String allow) {
        super(message);
        this.status = status;
        this.allow = allow;
    }

    String allow() {
        return allow;
    }

    int status() {
        return status;
    }
}
