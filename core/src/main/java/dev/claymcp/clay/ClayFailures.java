package dev.claymcp.clay;

import java.time.Duration;
import java.util.Optional;

import dev.claymcp.clay.ClayException.Delivery;
import dev.claymcp.clay.ClayException.Kind;

/**
 * The failures an agent can meet, worded once so that the HTTP client and the sandbox say the same thing in the same
 * situation.
 */
public final class ClayFailures {

    private ClayFailures() {
    }

    /** How a 404 names what was not found; the same words from every implementation. */
    public static String table(String tableId) {
        return "table '" + tableId + "'";
    }

    public static String view(String tableId, String viewId) {
        return "view '" + viewId + "' in table '" + tableId + "'";
    }

    public static String record(String tableId, String recordId) {
        return "record '" + recordId + "' in table '" + tableId + "'";
    }

    public static String source(String tableId, String sourceId) {
        return "source '" + sourceId + "' in table '" + tableId + "'";
    }

    public static ClayException noCookie() {
        return new ClayException(Kind.NO_COOKIE, 0, Delivery.NOT_SENT,
                "No Clay session cookie is configured, so nothing was sent to Clay. Set CLAY_SESSION_COOKIE to the "
                        + "value of the claysession cookie of a signed-in app.clay.com browser session (or "
                        + "CLAY_SESSION_COOKIE_FILE to a file holding it) in this server's environment, then restart it. "
                        + "To try the tools without an account, run the server with CLAY_SANDBOX=true.");
    }

    /** The cookie file cannot give a cookie right now; {@code problem} says why in plain words. */
    public static ClayException cookieFile(String path, String problem) {
        return new ClayException(Kind.NO_COOKIE, 0, Delivery.NOT_SENT,
                "The cookie file named by CLAY_SESSION_COOKIE_FILE (" + path + ") " + problem + ", so nothing was sent "
                        + "to Clay. Write the value of your claysession cookie into that file; the next call reads it, "
                        + "no restart needed.");
    }

    public static ClayException auth(int status, Optional<ClaySessionCookie.Origin> origin) {
        return new ClayException(Kind.AUTH, status, Delivery.REFUSED,
                "Clay rejected the session cookie (HTTP " + status + "); it has probably expired or was signed out. "
                        + "Sign in at app.clay.com, copy the claysession cookie again and refresh it in "
                        + "CLAY_SESSION_COOKIE or CLAY_SESSION_COOKIE_FILE"
                        + origin.map(o -> " (" + o.describe() + ")").orElse("") + ".");
    }

    public static ClayException notFound(String subject) {
        return new ClayException(Kind.NOT_FOUND, 404, Delivery.REFUSED,
                "Clay found no " + subject + " (HTTP 404). Check the id: it must come from this workspace, "
                        + "e.g. from the table's URL in app.clay.com or from list_record_ids / list_sources.");
    }

    public static ClayException rateLimited(Optional<Duration> retryAfter) {
        return new ClayException(Kind.RATE_LIMITED, 429, Delivery.REFUSED,
                "Clay is rate-limiting requests (HTTP 429)"
                        + retryAfter.map(d -> "; it asked to wait " + d.toSeconds() + " s before trying again.")
                                .orElse("; wait a little before trying again."));
    }

    public static ClayException rejected(int status, String detail) {
        return new ClayException(Kind.REJECTED, status, Delivery.REFUSED,
                "Clay refused the request (HTTP " + status + ")" + (detail == null || detail.isBlank() ? "" : ": " + detail)
                        + (detail != null && detail.matches("(?s).*[.!?]$") ? "" : ".")
                        + " Check the arguments; this request is not retried automatically.");
    }

    /**
     * Clay has no route for this request. Never about the caller's ids: the route itself is missing.
     *
     * @param what the call, e.g. "listing a table's sources"
     * @param hint what to do, e.g. which CLAY_API_DIALECT to try
     */
    public static ClayException noSuchRoute(String what, int status, String hint) {
        return new ClayException(Kind.NO_SUCH_ROUTE, status, Delivery.REFUSED,
                "This Clay API has no route for " + what + " (HTTP " + status + (status == 404 ? " NoMatchingURL" : "")
                        + "), so nothing was done; the ids you gave are not the problem. " + hint);
    }

    /** Clay refused the body of the request as not valid; nothing was done. */
    public static ClayException invalidBody(int status, String detail) {
        return new ClayException(Kind.INVALID_BODY, status, Delivery.REFUSED,
                "Clay refused the request's body as not valid (HTTP " + status + ")"
                        + (detail == null || detail.isBlank() ? "" : ": " + detail)
                        + ". Nothing was done. Clay's internal API may have changed; CLAY_API_DIALECT chooses which "
                        + "form of requests this server sends.");
    }

    /** The configured dialect has no such call. */
    public static ClayException notOffered(String what) {
        return new ClayException(Kind.NOT_OFFERED, 0, Delivery.NOT_SENT,
                "This server talks to Clay as documented in its contract (CLAY_API_DIALECT=documented), which has no "
                        + "call for " + what + ", so nothing was sent. Set CLAY_API_DIALECT=auto (the default) or "
                        + "observed to use it.");
    }

    public static ClayException duplicateRecordId(String id) {
        return rejected(409, "a record with id '" + id + "' already exists in this table");
    }

    /** 5xx: 502 and 504 come from a gateway in front of Clay, which may have passed the request on. */
    public static ClayException serverError(int status) {
        return new ClayException(Kind.UNAVAILABLE, status,
                status == 502 || status == 504 ? Delivery.UNCERTAIN : Delivery.REFUSED,
                "Clay answered with a server error (HTTP " + status + "). Try again in a moment.");
    }

    public static ClayException notJson(int status) {
        return new ClayException(Kind.UNAVAILABLE, status, Delivery.UNCERTAIN,
                "Clay answered HTTP " + status + " with a body that is not JSON; the API may have changed or a proxy "
                        + "answered instead of Clay.");
    }

    public static ClayException tooLarge(int status, long limitBytes) {
        return new ClayException(Kind.UNAVAILABLE, status, Delivery.UNCERTAIN,
                "Clay answered HTTP " + status + " with more than " + limitBytes + " bytes, over this server's limit "
                        + "(CLAY_MAX_RESPONSE_BYTES), so the answer was not read. Raise the limit if this table is "
                        + "really that large.");
    }

    public static ClayException unexpectedAnswer(int status, String what) {
        return new ClayException(Kind.UNAVAILABLE, status, Delivery.UNCERTAIN,
                "Clay answered HTTP " + status + " without " + what + "; the API may have changed.");
    }

    /**
     * No answer came. {@code delivery} says whether the request could have reached Clay: a refused connection or a
     * name that does not resolve means it did not; a timeout or a dropped connection means it may have.
     */
    public static ClayException unreachable(String what, Delivery delivery) {
        return new ClayException(Kind.UNAVAILABLE, 0, delivery,
                "Could not get an answer from Clay: " + what + ". Check the network and CLAY_API_URL, then try again.");
    }

    /** The call stopped before (re)sending anything; {@code why} is a short reason such as "the client cancelled it". */
    public static ClayException stopped(String why) {
        return new ClayException(Kind.STOPPED, 0, Delivery.NOT_SENT,
                "Stopped before sending the request to Clay: " + why + ".");
    }

    /** The shared rate limit has so many requests queued that this call's turn would come after its time budget. */
    public static ClayException rateLimitBeyondBudget(Duration wait, Duration budget) {
        return new ClayException(Kind.STOPPED, 0, Delivery.NOT_SENT,
                "Stopped before sending the request to Clay: this server's rate limit towards Clay "
                        + "(CLAY_RATE_LIMIT_PER_SECOND) has other requests queued for the next "
                        + Math.max(1, (wait.toMillis() + 999) / 1000) + " s, more than this call has left of its time "
                        + "budget of " + budget.toSeconds() + " s (CLAY_CALL_TIMEOUT). Nothing was sent; try again in a "
                        + "moment, or make fewer calls at once.");
    }

    public static ClayException outOfTime(Duration budget) {
        return new ClayException(Kind.STOPPED, 0, Delivery.NOT_SENT,
                "Stopped before sending the next request to Clay: this call used up its time budget of "
                        + budget.toSeconds() + " s (CLAY_CALL_TIMEOUT). Try again; Clay may be slow right now.");
    }
}
