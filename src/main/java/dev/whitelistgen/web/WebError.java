package dev.whitelistgen.web;

/** A request the page refuses before it reaches the engine (size, fields, method, route), with its HTTP status. */
final class WebError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    WebError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
