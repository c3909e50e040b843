package dev.claymcp.clay;

/**
 * A Clay call that did not succeed, with a message written for the agent: what went wrong and what to do next. Never
 * holds the cookie, a token or a stack trace.
 */
public class ClayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No cookie is configured, or it cannot be used. */
        NO_COOKIE,
        /** Clay answered 401 or 403. */
        AUTH,
        NOT_FOUND,
        RATE_LIMITED,
        /** The request was refused as invalid (other 4xx), or would be refused (e.g. a duplicate id). */
        REJECTED,
        /** Clay has no such route (404 {@code NoMatchingURL}, or 405): this form of the request does not exist there. */
        NO_SUCH_ROUTE,
        /** Clay refused the request's body as not valid (400 with {@code details.bodyErrors}): nothing was done. */
        INVALID_BODY,
        /** This Clay API (as {@code CLAY_API_DIALECT} describes it) does not offer the call at all; nothing was sent. */
        NOT_OFFERED,
        /** 5xx, a non-JSON or oversized answer, a timeout or a connection failure. */
        UNAVAILABLE,
        /** The call was stopped before asking Clay (again): cancelled, out of time, or the server is stopping. */
        STOPPED
    }

    /** How far the request got, which decides what a caller may say about its effect. */
    public enum Delivery {
        /** Not a byte of the request left this process: Clay certainly did not act on it. */
        NOT_SENT,
        /** Clay answered and said it did not do it. */
        REFUSED,
        /** The request may have reached Clay and been carried out: no answer, an unreadable success, a gateway fault. */
        UNCERTAIN
    }

    private final Kind kind;
    private final int status;
    private final Delivery delivery;

    public ClayException(Kind kind, int status, Delivery delivery, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.status = status;
        this.delivery = delivery;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status Clay answered with, 0 when there was no answer. */
    public int status() {
        return status;
    }

    public Delivery delivery() {
        return delivery;
    }

    /** Whether Clay may have carried out the request despite the failure. */
    public boolean outcomeUnknown() {
        return delivery == Delivery.UNCERTAIN;
    }
}
