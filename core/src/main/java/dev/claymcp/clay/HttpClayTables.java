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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;

import dev.claymcp.clay.ClayDialect.Form;
import dev.claymcp.clay.ClayDialect.Operation;
import dev.claymcp.clay.ClayException.Delivery;
import dev.claymcp.config.ApiDialect;

/**
 * {@link ClayTables} over Clay's HTTP API, in the form of each request that {@link ClayDialect} chooses (the
 * documented contract's, or today's). Every request goes through {@link #exchange}: the shared rate limit, the retry
 * rule (reads and deletes only), the time budget and stop signal of the tool call ({@link ClayCall}), a cap on the
 * size of Clay's answers, the removal of any echo of the cookie, and the mapping of statuses and transport faults to
 * {@link ClayException}s that say whether the request can have reached Clay, and whether its route exists at all.
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
    private final ClayDialect dialect;
    private final ObjectMapper json;

    public HttpClayTables(ClayRestClient client, ClaySessionCookie cookie, ClayRateLimit rateLimit,
            RetryPolicy retryPolicy, Limits limits, ClayMetrics metrics, ClayDialect dialect) {
        this.client = client;
        this.dialect = dialect;
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
    public void checkSendable() {
        if (!cookie.isConfigured()) {
            throw ClayFailures.noCookie();
        }
        cookie.headerValue(); // a cookie file that cannot give a cookie fails here, before anything is sent
    }

    @Override
    public long countRows(String tableId) {
        JsonNode answer = exchange("count_rows", Retry.SAFE, ClayFailures.table(tableId), "counting a table's rows",
                null, () -> client.countRows(tableId));
        // the contract's {"count": n}, or today's {"tableTotalRecordsCount": n}
        JsonNode count = answer.has("count") ? answer.get("count") : answer.get("tableTotalRecordsCount");
        if (count == null || !count.canConvertToLong()) {
            throw ClayFailures.unexpectedAnswer(200, "a row count");
        }
        return count.asLong();
    }

    @Override
    public List<String> recordIds(String tableId, String viewId) {
        return recordIdList(exchange("record_ids", Retry.SAFE, ClayFailures.view(tableId, viewId),
                "listing a view's record ids", null, () -> client.recordIds(tableId, viewId)));
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
        String subject = ClayFailures.table(tableId);
        return inDialect(Operation.LIST_SOURCES, "sources", Retry.SAFE, subject, () -> client.sources(tableId),
                () -> client.sourcesOfTable(tableId));
    }

    @Override
    public void addRecords(String tableId, List<NewRecord> records) {
        exchange("add_records", Retry.NEVER, ClayFailures.table(tableId), "adding rows", null,
                () -> client.addRecords(tableId, Map.of("records", records)));
    }

    @Override
    public JsonNode runEnrichment(String tableId, EnrichmentRun run) {
        String subject = "table '" + tableId + "' (or its view '" + run.viewId() + "' or fields " + run.fieldIds() + ")";
        // never retried; the JSON form goes out at most once, and only after Clay refused the form body unread
        return inDialect(Operation.RUN_ENRICHMENT, "run_enrichment", Retry.NEVER, subject,
                () -> client.runEnrichment(tableId, run.formBody()),
                () -> client.runEnrichmentJson(tableId, run.document()));
    }

    @Override
    public JsonNode addWebhookSource(String tableId, String workspaceId, String name) {
        return exchange("update_table", Retry.NEVER, "table '" + tableId + "' (or workspace '" + workspaceId + "')",
                "adding a webhook source", null,
                () -> client.updateTable(tableId, WebhookSource.addSourceDocument(workspaceId, name)));
    }

    @Override
    public void deleteRecord(String tableId, String recordId) {
        String segment = pathSegment(recordId);
        String subject = ClayFailures.record(tableId, recordId);
        // the observed form is DELETE …/records {"recordIds":[id]}: to a server of the documented contract, the request
        // that empties the table. ClayDialect sends it only to a Clay that has shown it has no single-record route.
        inDialect(Operation.DELETE_RECORD,
                form -> exchange("delete_record", Retry.SAFE, subject, Operation.DELETE_RECORD.what, form,
                        () -> client.deleteRecord(tableId, segment)),
                form -> deleteByIds(tableId, List.of(recordId), subject, form));
    }

    @Override
    public void deleteRecords(String tableId, List<String> recordIds) {
        if (recordIds.isEmpty() || recordIds.size() > BATCH) {
            throw new IllegalArgumentException("1 to " + BATCH + " record ids per request");
        }
        deleteByIds(tableId, recordIds, ClayFailures.table(tableId), Form.OBSERVED);
    }

    /** The observed delete: the ids in a JSON body, which always goes with its Content-Length. */
    private JsonNode deleteByIds(String tableId, List<String> recordIds, String subject, Form form) {
        return exchange("delete_records", Retry.SAFE, subject, "deleting rows by id", form,
                () -> client.deleteRecords(tableId, Map.of("recordIds", List.copyOf(recordIds))));
    }

    @Override
    public void deleteSource(String tableId, String sourceId) {
        String subject = ClayFailures.source(tableId, sourceId);
        inDialect(Operation.DELETE_SOURCE, "delete_source", Retry.SAFE, subject,
                () -> client.deleteSource(tableId, sourceId),
                () -> client.deleteSourceById(sourceId, Map.of("deleteRecords", false)));
    }

    @Override
    public boolean deleteAllRecords(String tableId) {
        // today's Clay has no such request: then the caller deletes by id
        return inDialect(Operation.DELETE_ALL_RECORDS, form -> {
            exchange("delete_all_records", Retry.SAFE, ClayFailures.table(tableId), Operation.DELETE_ALL_RECORDS.what,
                    form, () -> client.deleteAllRecords(tableId));
            return true;
        }, form -> false);
    }

    @Override
    public ClayTable table(String tableId) {
        return ClayTable.parse(observedOnly("get_table", ClayFailures.table(tableId), "reading a table's schema",
                () -> client.table(tableId)), tableId);
    }

    @Override
    public List<ClayRecord> records(String tableId, List<String> recordIds, List<String> fullValueFieldIds) {
        List<ClayRecord> records = new ArrayList<>(recordIds.size());
        for (int from = 0; from < recordIds.size(); from += BATCH) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("recordIds", List.copyOf(recordIds.subList(from, Math.min(from + BATCH, recordIds.size()))));
            body.put("includeExternalContentFieldIds", List.copyOf(fullValueFieldIds));
            // a read, though a POST: safe to send again
            records.addAll(ClayRecord.parseAll(observedOnly("bulk_fetch_records", ClayFailures.table(tableId),
                    "reading rows", () -> client.bulkFetchRecords(tableId, body))));
        }
        return records;
    }

    @Override
    public List<TableSummary> tables(String workspaceId) {
        return TableSummary.parseAll(observedOnly("list_tables", "workspace '" + workspaceId + "'",
                "listing a workspace's tables", () -> client.tables(workspaceId)));
    }

    @Override
    public Map<String, FieldRunStatus> runStatus(String workspaceId, String tableId) {
        return FieldRunStatus.parseAll(observedOnly("enrichment_status", ClayFailures.table(tableId),
                "reading how far enrichments have run", () -> client.runStatus(workspaceId, tableId)));
    }

    /** A read that only today's Clay has: not offered under CLAY_API_DIALECT=documented, nothing sent. */
    private JsonNode observedOnly(String operation, String subject, String what, Supplier<Response> send) {
        if (dialect.mode() == ApiDialect.DOCUMENTED) {
            throw ClayFailures.notOffered(what);
        }
        return exchange(operation, Retry.SAFE, subject, what, Form.OBSERVED, send);
    }

    /** {@link #inDialect(Operation, Function, Function)} for a request whose two forms differ only in what is sent. */
    private JsonNode inDialect(Operation operation, String metric, Retry retry, String subject,
            Supplier<Response> documented, Supplier<Response> observed) {
        return inDialect(operation, form -> exchange(metric, retry, subject, operation.what, form, documented),
                form -> exchange(metric, retry, subject, operation.what, form, observed));
    }

    /**
     * Sends the form of the request the dialect chooses; in {@code auto}, the documented one first, and the observed
     * one only when Clay proved the documented one did nothing.
     */
    private <T> T inDialect(Operation operation, Function<Form, T> documented, Function<Form, T> observed) {
        if (dialect.formFor(operation) == Form.OBSERVED) {
            return observed.apply(Form.OBSERVED);
        }
        try {
            return documented.apply(Form.DOCUMENTED);
        } catch (ClayException e) {
            if (!dialect.switchesAfter(operation, e)) {
                throw e;
            }
            return observed.apply(Form.OBSERVED);
        }
    }

    /** What to do when a form of a request has no route: worded for the dialect and the form that was sent. */
    private String routeHint(Form form) {
        return switch (dialect.mode()) {
            case DOCUMENTED -> "This server sends the requests of its documented contract (CLAY_API_DIALECT=documented);"
                    + " Clay as it answers today takes others: set CLAY_API_DIALECT=auto (or observed).";
            case OBSERVED -> "This server sends the requests today's Clay is seen to take (CLAY_API_DIALECT=observed): "
                    + "if this Clay follows the documented contract, set CLAY_API_DIALECT=auto (or documented); "
                    + "otherwise Clay's internal API has changed again.";
            case AUTO -> form == Form.DOCUMENTED
                    ? "This request has no other form this server may send here."
                    : "Neither the documented request nor the one today's Clay is seen to take exists on this Clay "
                            + "(CLAY_API_DIALECT=auto): its internal API may have changed.";
        };
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

    /**
     * One request to Clay as the call's budget allows: waits for a permit of the rate limit, makes an {@link #attempt},
     * and for a request that is safe to repeat, retries what may pass on a second try (a 429, a 5xx, a connection that
     * failed) after the policy's wait, while the call has time and is not stopped. The failure the agent sees is the
     * last attempt's, or the reason no attempt could start.
     *
     * @param operation the metric name of the request
     * @param subject what a 404 did not find, e.g. "table 't_…'"
     * @param what the call in words, for a missing route
     * @param form which form of a request with two was sent, or null for a request with one
     */
    private JsonNode exchange(String operation, Retry retry, String subject, String what, Form form,
            Supplier<Response> send) {
        checkSendable();
        ClayCall call = ClayCall.current();
        int attempts = 1;
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
            Attempt attempt = attempt(operation, subject, what, form, send);
            if (attempt.failure() == null) {
                return attempt.body();
            }
            Optional<Duration> wait = retry == Retry.SAFE && attempt.retryable()
                    ? retryPolicy.nextWait(attempts, waited, attempt.retryAfter())
                    : Optional.empty();
            if (wait.isEmpty() || call.remaining().compareTo(wait.get().plus(limits.attemptTime())) < 0
                    || !sleepUnlessStopped(wait.get(), call)) {
                throw attempt.failure();
            }
            waited = waited.plus(wait.get());
            attempts++;
            previous = attempt.failure();
        }
    }

    /** What one request brought: Clay's answer, or the failure, whether another try may pass, and Retry-After. */
    private record Attempt(JsonNode body, ClayException failure, boolean retryable, Optional<Duration> retryAfter) {
    }

    /** Sends the request once and reads what came back; counts it in the metrics, answered or not. */
    private Attempt attempt(String operation, String subject, String what, Form form, Supplier<Response> send) {
        long sent = System.nanoTime();
        String answered = "none";
        try (Response response = send.get()) {
            int status = response.getStatus();
            answered = Integer.toString(status);
            if (status >= 200 && status < 300) {
                return new Attempt(cookie.scrubber().scrub(body(response, status)), null, false, Optional.empty());
            }
            Optional<Duration> retryAfter = retryAfter(response.getHeaderString("Retry-After"));
            return new Attempt(null, statusFailure(status, subject, what, form, retryAfter, response),
                    RetryPolicy.retryableStatus(status), retryAfter);
        } catch (ProcessingException e) {
            return new Attempt(null, transportFailure(e), true, Optional.empty());
        } catch (ClayException e) {
            throw e;
        } catch (RuntimeException e) {
            // e.g. the client was closed under a call while the server stops; the exception text is not shown
            LOG.warnf("A request to Clay failed inside this server: %s", e.getClass().getName());
            throw ClayFailures.unreachable("the request failed inside this server", Delivery.UNCERTAIN);
        } finally {
            metrics.request(operation, answered, System.nanoTime() - sent);
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

    private ClayException statusFailure(int status, String subject, String what, Form form,
            Optional<Duration> retryAfter, Response response) {
        if (status == 401 || status == 403) {
            return ClayFailures.auth(status, cookie.origin());
        }
        JsonNode body = errorBody(response, status);
        // a route that does not exist is never the caller's id: 404 NoMatchingURL (a known route with an unknown id
        // is 404 NotFound), or 405
        if (status == 404 && "NoMatchingURL".equals(body.path("type").asText(null)) || status == 405) {
            return ClayFailures.noSuchRoute(what, status, routeHint(form));
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
        if (status == 400 && body.path("details").has("bodyErrors")) {
            return ClayFailures.invalidBody(status, detail(body));
        }
        return ClayFailures.rejected(status, detail(body));
    }

    /** Clay's JSON explanation of a refusal (short: more is not read), or a missing node. */
    private JsonNode errorBody(Response response, int status) {
        try {
            byte[] bytes = read(response, status, MAX_ERROR_BODY);
            JsonNode node = bytes.length == 0 ? null : json.readTree(bytes);
            return node == null ? MissingNode.getInstance() : node;
        } catch (RuntimeException | IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** Clay's own words for a refusal, when it gave some; short, and with any echo of the cookie removed. */
    private String detail(JsonNode body) {
        for (String field : List.of("message", "error", "detail")) {
            JsonNode value = body.get(field);
            if (value != null && value.isTextual()) {
                String message = cookie.scrubber().scrub(value.asText());
                return message.length() > 300 ? message.substring(0, 300) + "…" : message;
            }
        }
        return null;
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
