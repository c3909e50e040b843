package dev.claymcp.clay;

import java.time.Duration;
import java.util.Optional;

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
        return new ClayException(Kind.NO_COOKIE,
                "No Clay session cookie is configured, so nothing was sent to Clay. Set CLAY_SESSION_COOKIE to the "
                        + "value of the claysession cookie of a signed-in app.clay.com browser session (or "
                        + "CLAY_SESSION_COOKIE_FILE to a file holding it) in this server's environment, then restart it. "
                        + "To try the tools without an account, run the server with CLAY_SANDBOX=true.");
    }

    public static ClayException auth(int status, Optional<ClaySessionCookie.Origin> origin) {
        return new ClayException(Kind.AUTH, status,
                "Clay rejected the session cookie (HTTP " + status + "); it has probably expired or was signed out. "
                        + "Sign in at app.clay.com, copy the claysession cookie again and refresh it in "
                        + "CLAY_SESSION_COOKIE or CLAY_SESSION_COOKIE_FILE"
                        + origin.map(o -> " (" + o.describe() + ")").orElse("") + ".");
    }

    public static ClayException notFound(String subject) {
        return new ClayException(Kind.NOT_FOUND, 404,
                "Clay found no " + subject + " (HTTP 404). Check the id: it must come from this workspace, "
                        + "e.g. from the table's URL in app.clay.com or from list_record_ids / list_sources.");
    }

    public static ClayException rateLimited(Optional<Duration> retryAfter) {
        return new ClayException(Kind.RATE_LIMITED, 429,
                "Clay is rate-limiting requests (HTTP 429)"
                        + retryAfter.map(d -> "; it asked to wait " + d.toSeconds() + " s before trying again.")
                                .orElse("; wait a little before trying again."));
    }

    public static ClayException rejected(int status, String detail) {
        return new ClayException(Kind.REJECTED, status,
                "Clay refused the request (HTTP " + status + ")" + (detail == null || detail.isBlank() ? "" : ": " + detail)
                        + (detail != null && detail.matches(".*[.!?]$") ? "" : ".")
                        + " Check the arguments; this request is not retried automatically.");
    }

    public static ClayException duplicateRecordId(String id) {
        return rejected(409, "a record with id '" + id + "' already exists in this table");
    }

    public static ClayException serverError(int status) {
        return new ClayException(Kind.UNAVAILABLE, status,
                "Clay answered with a server error (HTTP " + status + "). Try again in a moment.");
    }

    public static ClayException notJson(int status) {
        return new ClayException(Kind.UNAVAILABLE, status,
                "Clay answered HTTP " + status + " with a body that is not JSON; the API may have changed or a proxy "
                        + "answered instead of Clay.");
    }

    public static ClayException unexpectedAnswer(int status, String what) {
        return new ClayException(Kind.UNAVAILABLE, status,
                "Clay answered HTTP " + status + " without " + what + "; the API may have changed.");
    }

    public static ClayException unreachable(String what) {
        return new ClayException(Kind.UNAVAILABLE,
                "Could not get an answer from Clay: " + what + ". Check the network and CLAY_API_URL, then try again.");
    }
}
