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
        /** 5xx, a non-JSON answer, a timeout or a connection failure. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final int status;

    public ClayException(Kind kind, String message) {
        this(kind, 0, message);
    }

    public ClayException(Kind kind, int status, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status Clay answered with, 0 when there was no answer. */
    public int status() {
        return status;
    }

    /**
     * Whether Clay may have carried out the request despite the failure: no answer came, an answer said success but
     * could not be read, or a gateway timed out or failed in front of Clay.
     */
    public boolean outcomeUnknown() {
        return status == 0 || (status >= 200 && status < 300) || status == 502 || status == 504;
    }
}
