package dev.claymcp.clay;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import dev.claymcp.clay.ClayException.Delivery;

/**
 * {@link ClayTables} over Clay's HTTP API. Every call goes through {@link #exchange}: the shared rate limit, the retry
 * rule (reads and deletes only), the time budget and stop signal of the tool call ({@link ClayCall}), a cap on the
 * size of Clay's answers, the removal of any echo of the cookie, and the mapping of statuses and transport faults to
 * {@link ClayException}s that say whether the request can have reached Clay.
 */
public class HttpClayTables implements ClayTables {

    private static final Logger LOG = Logger.getLogger(HttpClayTables.class);
    /** Clay's explanation of a refusal is short; more is not read. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    /** Whether a call may be sent twice without harm: reads and deletes may, calls that create or spend may not. */
    enum Retry {
        SAFE, NEVER
    }

    /** Limits of one exchange with Clay. */
    public record Limits(Duration connectTimeout, Duration readTimeout, long maxResponseBytes) {
        /** The longest one attempt can take: connecting, then waiting for the answer. */
        Duration attemptTime() {
            return connectTimeout.plus(readTimeout);
        }
    }

    private final ClayRestClient client;
    private final ClaySessionCookie cookie;
    private final ClayRateLimit rateLimit;
    private final RetryPolicy retryPolicy;
    private final Limits limits;
    private final ClayMetrics metrics;
    private final ObjectMapper json;

    public HttpClayTables(ClayRestClient client, ClaySessionCookie cookie, ClayRateLimit rateLimit,
            RetryPolicy retryPolicy, Limits limits, ClayMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
        this.cookie = cookie;
        this.rateLimit = rateLimit;
        this.retryPolicy = retryPolicy;
        this.limits = limits;
        // a long string inside a valid answer is still JSON: allow strings as long as the whole answer may be
        int maxString = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(limits.maxResponseBytes(), 1));
        this.json = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxString).build()).build());
    }

    @Override
    public long countRows(String tableId) {
        JsonNode answer = exchange("count_rows", Retry.SAFE, ClayFailures.table(tableId), () -> client.countRows(tableId));
        JsonNode count = answer.get("count");
        if (count == null || !count.canConvertToLong()) {
            throw ClayFailures.unexpectedAnswer(200, "a row count");
        }
        return count.asLong();
    }

    @Override
    public List<String> recordIds(String tableId, String viewId) {
        return recordIdList(exchange("record_ids", Retry.SAFE, ClayFailures.view(tableId, viewId),
                () -> client.recordIds(tableId, viewId)));
    }

    /**
     * The ids in Clay's answer, which comes as {@code {"recordIds": [...]}} (the documented shape), as
     * {@code {"results": [...]}} (what Clay answers in practice), or as a bare array; an element is an id or an object
     * holding one.
     */
    static List<String> recordIdList(JsonNode answer) {
        JsonNode ids = answer.isArray() ? answer : answer.has("recordIds") ? answer.get("recordIds") : answer.get("results");
        if (ids == null || !ids.isArray()) {
            throw ClayFailures.unexpectedAnswer(200, "a list of record ids (recordIds, results or a bare array)");
        }
        List<String> result = new ArrayList<>(ids.size());
        for (JsonNode id : ids) {
            JsonNode value = id.isObject() ? id.get("id") : id;
            if (value == null || !(value.isTextual() || value.isIntegralNumber())) {
                throw ClayFailures.unexpectedAnswer(200, "a list of record ids (found an element that is not an id)");
            }
            result.add(value.asText());
        }
        return result;
    }

    @Override
    public JsonNode sources(String tableId) {
        return exchange("sources", Retry.SAFE, ClayFailures.table(tableId), () -> client.sources(tableId));
    }

    @Override
    public void addRecords(String tableId, List<NewRecord> records) {
        exchange("add_records", Retry.NEVER, ClayFailures.table(tableId), () -> client.addRecords(tableId, Map.of("records", records)));
    }

    @Override
    public JsonNode runEnrichment(String tableId, EnrichmentRun run) {
        return exchange("run_enrichment", Retry.NEVER, "table '" + tableId + "' (or its view '" + run.viewId() + "' or fields "
                + run.fieldIds() + ")", () -> client.runEnrichment(tableId, run.formBody()));
    }

    @Override
    public JsonNode addWebhookSource(String tableId, String workspaceId, String name) {
        return exchange("update_table", Retry.NEVER, "table '" + tableId + "' (or workspace '" + workspaceId + "')",
                () -> client.updateTable(tableId, WebhookSource.addSourceDocument(workspaceId, name)));
    }

    @Override
    public void deleteRecord(String tableId, String recordId) {
        String segment = pathSegment(recordId);
        exchange("delete_record", Retry.SAFE, ClayFailures.record(tableId, recordId),
                () -> client.deleteRecord(tableId, segment));
    }

    @Override
    public void deleteSource(String tableId, String sourceId) {
        exchange("delete_source", Retry.SAFE, ClayFailures.source(tableId, sourceId),
                () -> client.deleteSource(tableId, sourceId));
    }

    @Override
    public void deleteAllRecords(String tableId) {
        exchange("delete_all_records", Retry.SAFE, ClayFailures.table(tableId), () -> client.deleteAllRecords(tableId));
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

    private JsonNode exchange(String operation, Retry retry, String subject, Supplier<Response> send) {
        if (!cookie.isConfigured()) {
            throw ClayFailures.noCookie();
        }
        cookie.headerValue(); // a cookie file that cannot give a cookie fails here, before anything is sent
        ClayCall call = ClayCall.current();
        int attempt = 1;
        Duration waited = Duration.ZERO;
        ClayException previous = null;
        while (true) {
            Optional<String> stop = call.stopReason();
            if (stop.isPresent()) {
                throw previous != null ? previous : ClayFailures.stopped(stop.get());
            }
            if (!call.mayStartAttempt(limits.attemptTime())) {
                throw previous != null ? previous : ClayFailures.outOfTime(call.budget());
            }
            ClayException failure;
            Optional<Duration> retryAfter = Optional.empty();
            boolean retryable;
            long queued = System.nanoTime();
            try {
                rateLimit.acquire(call);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ClayFailures.stopped("the server is stopping");
            } catch (ClayException e) {
                // no permit for this call (stopped, out of time, or a shared limit out of reach): nothing more was sent
                throw previous != null ? previous : e;
            } finally {
                metrics.rateLimitWait(System.nanoTime() - queued);
            }
            long sent = System.nanoTime();
            String answered = "none";
            try (Response response = send.get()) {
                int status = response.getStatus();
                answered = Integer.toString(status);
                if (status >= 200 && status < 300) {
                    return cookie.scrubber().scrub(body(response, status));
                }
                retryAfter = retryAfter(response.getHeaderString("Retry-After"));
                failure = statusFailure(status, subject, retryAfter, response);
                retryable = RetryPolicy.retryableStatus(status);
            } catch (ProcessingException e) {
                failure = transportFailure(e);
                retryable = true;
            } catch (ClayException e) {
                throw e;
            } catch (RuntimeException e) {
                // e.g. the client was closed under a call while the server stops; the exception text is not shown
                LOG.warnf("A request to Clay failed inside this server: %s", e.getClass().getName());
                throw ClayFailures.unreachable("the request failed inside this server", Delivery.UNCERTAIN);
            } finally {
                metrics.request(operation, answered, System.nanoTime() - sent);
            }
            Optional<Duration> wait = retry == Retry.SAFE && retryable
                    ? retryPolicy.nextWait(attempt, waited, retryAfter)
                    : Optional.empty();
            if (wait.isEmpty() || call.remaining().compareTo(wait.get().plus(limits.attemptTime())) < 0) {
                throw failure;
            }
            if (!sleepUnlessStopped(wait.get(), call)) {
                throw failure;
            }
            waited = waited.plus(wait.get());
            attempt++;
            previous = failure;
        }
    }

    /** Sleeps in short steps so that a cancelled call stops waiting; false when it was stopped. */
    private static boolean sleepUnlessStopped(Duration wait, ClayCall call) {
        try {
            return PermitWait.sleep(wait.toNanos(), call, System::nanoTime, TimeUnit.NANOSECONDS::sleep).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode body(Response response, int status) {
        byte[] bytes = read(response, status, limits.maxResponseBytes());
        if (bytes.length == 0) {
            return NullNode.getInstance();
        }
        try {
            JsonNode node = json.readTree(bytes);
            return node == null ? NullNode.getInstance() : node;
        } catch (StreamConstraintsException e) {
            throw ClayFailures.tooLarge(status, limits.maxResponseBytes());
        } catch (IOException e) {
            throw ClayFailures.notJson(status);
        }
    }

    /** The body, read only up to {@code max} bytes: a larger one is refused, not buffered. */
    private static byte[] read(Response response, int status, long max) {
        if (!response.hasEntity()) {
            return new byte[0];
        }
        String length = response.getHeaderString("Content-Length");
        if (length != null && length.strip().matches("[0-9]{1,18}") && Long.parseLong(length.strip()) > max) {
            throw ClayFailures.tooLarge(status, max);
        }
        try (InputStream in = response.readEntity(InputStream.class)) {
            if (in == null) {
                return new byte[0];
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw ClayFailures.tooLarge(status, max);
            }
            return bytes;
        } catch (IOException | ProcessingException e) {
            throw ClayFailures.unreachable("the connection was closed while Clay was answering", Delivery.UNCERTAIN);
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
        return ClayFailures.rejected(status, detail(response, status));
    }

    /** Clay's own explanation of a refusal, when it gave one as JSON; short, and with any echo of the cookie removed. */
    private String detail(Response response, int status) {
        try {
            byte[] bytes = read(response, status, MAX_ERROR_BODY);
            if (bytes.length == 0) {
                return null;
            }
            JsonNode node = json.readTree(bytes);
            for (String field : List.of("message", "error", "detail")) {
                JsonNode value = node == null ? null : node.get(field);
                if (value != null && value.isTextual()) {
                    String message = cookie.scrubber().scrub(value.asText());
                    return message.length() > 300 ? message.substring(0, 300) + "…" : message;
                }
            }
            return null;
        } catch (RuntimeException | IOException e) {
            return null;
        }
    }

    private static ClayException transportFailure(ProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return ClayFailures.unreachable("the host name of CLAY_API_URL did not resolve", Delivery.NOT_SENT);
            }
            if (cause instanceof ConnectException) {
                // Netty's connect timeout is a ConnectException too: either way no connection, so nothing was sent
                return ClayFailures.unreachable(cause.getClass().getSimpleName().contains("Timeout")
                        ? "it could not be connected to in time" : "the connection was refused", Delivery.NOT_SENT);
            }
            if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException
                    || cause instanceof InterruptedIOException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return ClayFailures.unreachable("it did not answer in time", Delivery.UNCERTAIN);
            }
            if (cause instanceof java.net.SocketException || cause instanceof java.io.EOFException
                    || cause instanceof java.nio.channels.ClosedChannelException) {
                return ClayFailures.unreachable("the connection was closed before Clay answered", Delivery.UNCERTAIN);
            }
        }
        return ClayFailures.unreachable("the connection failed", Delivery.UNCERTAIN);
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
