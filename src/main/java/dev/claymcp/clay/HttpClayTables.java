package dev.claymcp.clay;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import dev.claymcp.policy.RateLimiter;
import dev.claymcp.policy.RetryPolicy;

/**
 * {@link ClayTables} over Clay's HTTP API. Every call goes through {@link #exchange}: the shared rate limiter, the
 * retry rule (reads and deletes only), and the mapping of statuses and transport faults to {@link ClayException}s.
 */
public class HttpClayTables implements ClayTables {

    /** Whether a call may be sent twice without harm: reads and deletes may, calls that create or spend may not. */
    enum Retry {
        SAFE, NEVER
    }

    private final ClayRestClient client;
    private final ClaySessionCookie cookie;
    private final RateLimiter rateLimiter;
    private final RetryPolicy retryPolicy;
    private final ObjectMapper json;

    public HttpClayTables(ClayRestClient client, ClaySessionCookie cookie, RateLimiter rateLimiter,
            RetryPolicy retryPolicy, ObjectMapper json) {
        this.client = client;
        this.cookie = cookie;
        this.rateLimiter = rateLimiter;
        this.retryPolicy = retryPolicy;
        this.json = json;
    }

    @Override
    public long countRows(String tableId) {
        JsonNode answer = exchange(Retry.SAFE, ClayFailures.table(tableId), () -> client.countRows(tableId));
        JsonNode count = answer.get("count");
        if (count == null || !count.canConvertToLong()) {
            throw ClayFailures.unexpectedAnswer(200, "a row count");
        }
        return count.asLong();
    }

    @Override
    public List<String> recordIds(String tableId, String viewId) {
        JsonNode answer = exchange(Retry.SAFE, ClayFailures.view(tableId, viewId),
                () -> client.recordIds(tableId, viewId));
        JsonNode ids = answer.get("recordIds");
        if (ids == null || !ids.isArray()) {
            throw ClayFailures.unexpectedAnswer(200, "a recordIds list");
        }
        List<String> result = new ArrayList<>(ids.size());
        ids.forEach(id -> result.add(id.asText()));
        return result;
    }

    @Override
    public JsonNode sources(String tableId) {
        return exchange(Retry.SAFE, ClayFailures.table(tableId), () -> client.sources(tableId));
    }

    @Override
    public void addRecords(String tableId, List<NewRecord> records) {
        exchange(Retry.NEVER, ClayFailures.table(tableId), () -> client.addRecords(tableId, Map.of("records", records)));
    }

    @Override
    public JsonNode runEnrichment(String tableId, EnrichmentRun run) {
        return exchange(Retry.NEVER, "table '" + tableId + "' (or its view '" + run.viewId() + "' or fields "
                + run.fieldIds() + ")", () -> client.runEnrichment(tableId, run.formBody()));
    }

    @Override
    public JsonNode addWebhookSource(String tableId, String workspaceId, String name) {
        return exchange(Retry.NEVER, "table '" + tableId + "' (or workspace '" + workspaceId + "')",
                () -> client.updateTable(tableId, WebhookSource.addSourceDocument(workspaceId, name)));
    }

    @Override
    public void deleteRecord(String tableId, String recordId) {
        String segment = pathSegment(recordId);
        exchange(Retry.SAFE, ClayFailures.record(tableId, recordId),
                () -> client.deleteRecord(tableId, segment));
    }

    @Override
    public void deleteSource(String tableId, String sourceId) {
        exchange(Retry.SAFE, ClayFailures.source(tableId, sourceId),
                () -> client.deleteSource(tableId, sourceId));
    }

    @Override
    public void deleteAllRecords(String tableId) {
        exchange(Retry.SAFE, ClayFailures.table(tableId), () -> client.deleteAllRecords(tableId));
    }

    /**
     * Percent-encodes an id as exactly one path segment: everything but unreserved characters is escaped, so '/',
     * '?', '#', '%' and spaces cannot reach the path as syntax. Blank, "." and ".." are refused outright because no
     * encoding keeps them from meaning "this collection" or "the parent".
     */
    static String pathSegment(String id) {
        if (id == null || id.isBlank() || id.equals(".") || id.equals("..")) {
            throw new IllegalArgumentException("record id must be a non-blank single path segment");
        }
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private JsonNode exchange(Retry retry, String subject, Supplier<Response> send) {
        if (!cookie.isConfigured()) {
            throw ClayFailures.noCookie();
        }
        cookie.headerValue(); // a cookie file that cannot be read fails here, before anything is sent
        int attempt = 1;
        Duration waited = Duration.ZERO;
        while (true) {
            ClayException failure;
            Optional<Duration> retryAfter = Optional.empty();
            boolean retryable;
            try {
                rateLimiter.acquire();
                try (Response response = send.get()) {
                    int status = response.getStatus();
                    if (status >= 200 && status < 300) {
                        return body(response, status);
                    }
                    retryAfter = retryAfter(response.getHeaderString("Retry-After"));
                    failure = statusFailure(status, subject, retryAfter, response);
                    retryable = RetryPolicy.retryableStatus(status);
                }
            } catch (ProcessingException e) {
                failure = transportFailure(e);
                retryable = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ClayFailures.unreachable("the call was interrupted");
            }
            Optional<Duration> wait = retry == Retry.SAFE && retryable
                    ? retryPolicy.nextWait(attempt, waited, retryAfter)
                    : Optional.empty();
            if (wait.isEmpty()) {
                throw failure;
            }
            try {
                Thread.sleep(wait.get().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure;
            }
            waited = waited.plus(wait.get());
            attempt++;
        }
    }

    private JsonNode body(Response response, int status) {
        String text = response.hasEntity() ? response.readEntity(String.class) : "";
        if (text == null || text.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw ClayFailures.notJson(status);
        }
    }

    private ClayException statusFailure(int status, String subject, Optional<Duration> retryAfter, Response response) {
        if (status == 401 || status == 403) {
            return ClayFailures.auth(status, cookie.origin());
        }
        if (status == 404) {
            return ClayFailures.notFound(subject);
        }
        if (status == 429) {
            return ClayFailures.rateLimited(retryAfter);
        }
        if (status >= 500) {
            return ClayFailures.serverError(status);
        }
        return ClayFailures.rejected(status, detail(response));
    }

    /** Clay's own explanation of a refusal, when it gave one as JSON; short, and never echoing the cookie. */
    private String detail(Response response) {
        try {
            String text = response.hasEntity() ? response.readEntity(String.class) : null;
            if (text == null || text.isBlank()) {
                return null;
            }
            JsonNode node = json.readTree(text);
            for (String field : List.of("message", "error", "detail")) {
                JsonNode value = node.get(field);
                if (value != null && value.isTextual()) {
                    String message = value.asText();
                    String secret = cookie.headerValue().orElse(null);
                    if (secret != null && message.contains(secret.substring(ClaySessionCookie.PREFIX.length()))) {
                        return null;
                    }
                    return message.length() > 300 ? message.substring(0, 300) + "…" : message;
                }
            }
            return null;
        } catch (RuntimeException | JsonProcessingException e) {
            return null;
        }
    }

    private static ClayException transportFailure(ProcessingException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause instanceof ConnectException) {
                return ClayFailures.unreachable("the connection was refused");
            }
            if (cause instanceof UnknownHostException) {
                return ClayFailures.unreachable("the host name did not resolve");
            }
            if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException
                    || cause instanceof InterruptedIOException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return ClayFailures.unreachable("it did not answer in time");
            }
        }
        if (cause instanceof java.net.SocketException || cause instanceof java.io.EOFException) {
            return ClayFailures.unreachable("the connection was closed before Clay answered");
        }
        return ClayFailures.unreachable("the connection failed");
    }

    static Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim()))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }
}
