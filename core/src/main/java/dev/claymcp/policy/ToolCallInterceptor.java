package dev.claymcp.policy;

import java.lang.reflect.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.jboss.logging.Logger;

import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.McpConnection;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkiverse.mcp.server.ToolResponse;

import dev.claymcp.clay.ClayCall;
import dev.claymcp.clay.ClayException;
import dev.claymcp.config.ClayConfig;

/**
 * Wraps every tool call (every {@link ClayTool} class, checked at start-up by {@link ToolRegistry}): refuses tools the
 * {@link ToolInventory} turned off, bounds the call's requests to Clay in time and stops them when the client cancels,
 * the session ends or the server stops ({@link ClayCall}), turns failures into {@code isError} results (never a
 * JSON-RPC internal error), and writes the audit line of mutating tools.
 */
@PolicyGuarded
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class ToolCallInterceptor {

    private static final Logger LOG = Logger.getLogger(ToolCallInterceptor.class);
    /** Arguments worth an audit line: ids and small numbers, never free text or cell values. */
    private static final List<String> AUDITED_ARGUMENTS = List.of("tableId", "viewId", "recordId", "sourceId",
            "workspaceId", "fieldIds", "numRecords", "allRecords");

    private final ToolInventory policy;
    private final AuditLog audit;
    private final ServerLifecycle lifecycle;
    private final ClayConfig config;
    private final ToolCallMetrics metrics;
    private final SessionCallers callers;

    public ToolCallInterceptor(ToolInventory policy, AuditLog audit, ServerLifecycle lifecycle, ClayConfig config,
            ToolCallMetrics metrics, SessionCallers callers) {
        this.policy = policy;
        this.callers = callers;
        this.audit = audit;
        this.lifecycle = lifecycle;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * One timer per tool, outcome ({@code ok}, {@code error}, {@code refused}) and failure class: {@code none},
     * {@code policy} (the tool is off), {@code invalid} (an argument or the human said no: nothing was sent),
     * {@code partial} (a bulk call stopped part-way and reported), the kinds of Clay failure ({@code auth},
     * {@code not_found}, {@code rate_limited}, {@code rejected}, {@code unavailable}, {@code stopped},
     * {@code no_cookie}), or {@code internal}.
     */
    private void count(String tool, String outcome, String failure, long started) {
        metrics.call(tool, outcome, failure, System.nanoTime() - started);
    }

    @AroundInvoke
    Object guard(InvocationContext ctx) throws Exception {
        Tool tool = ctx.getMethod().getAnnotation(Tool.class);
        if (tool == null) {
            return ctx.proceed();
        }
        String name = tool.name();
        boolean mutating = !tool.annotations().readOnlyHint();
        long started = System.nanoTime();
        McpConnection connection = argument(ctx, McpConnection.class);
        try (AuditLog.Scope caller = audit.caller(connection == null ? null
                : callers.callerOf(connection.id()).orElse(null))) {
            return guarded(ctx, name, mutating, started);
        }
    }

    private Object guarded(InvocationContext ctx, String name, boolean mutating, long started) throws Exception {
        var refusal = policy.refusal(name);
        if (refusal.isPresent()) {
            if (mutating) {
                audit.record(name, "refused", arguments(ctx));
            }
            count(name, "refused", "policy", started);
            throw new ToolCallException(refusal.get());
        }
        lifecycle.callStarted();
        try (ClayCall.Scope scope = ClayCall.open(config.callTimeout(), stopSignal(ctx))) {
            Object result = ctx.proceed();
            // a tool may answer a ToolResponse itself, e.g. an isError report of a call that stopped part-way
            boolean failed = result instanceof ToolResponse r && r.isError();
            if (mutating) {
                Object content = result instanceof ToolResponse r ? r.structuredContent() : result;
                Map<String, Object> fields = arguments(ctx);
                boolean sentNothing = false;
                if (content instanceof Audited a) {
                    fields.putAll(a.auditFields());
                    sentNothing = a.sentNothing();
                }
                audit.record(name, !failed ? "ok" : sentNothing ? "refused" : "error", fields);
            }
            count(name, failed ? "error" : "ok", failed ? "partial" : "none", started);
            return result;
        } catch (ClayException e) {
            if (mutating) {
                Map<String, Object> fields = arguments(ctx);
                fields.put("error", e.kind().name());
                if (e.status() > 0) {
                    fields.put("status", e.status());
                }
                // nothing reached Clay (no cookie, stopped before sending, no permit in time): refused, not failed
                audit.record(name, e.delivery() == ClayException.Delivery.NOT_SENT ? "refused" : "error", fields);
            }
            count(name, "error", e.kind().name().toLowerCase(java.util.Locale.ROOT), started);
            throw new ToolCallException(e.getMessage());
        } catch (ToolCallException e) {
            if (mutating) {
                // refused by a check or by the user before anything changed
                audit.record(name, "refused", arguments(ctx));
            }
            count(name, "refused", "invalid", started);
            throw e;
        } catch (RuntimeException e) {
            // a fault of this server, not of the agent or of Clay: say so plainly, keep the details on stderr
            LOG.errorf(e, "Tool %s failed inside the server", name);
            if (mutating) {
                Map<String, Object> fields = arguments(ctx);
                fields.put("error", "INTERNAL");
                audit.record(name, "error", fields);
            }
            count(name, "error", "internal", started);
            throw new ToolCallException("The call failed inside this server (" + e.getClass().getSimpleName()
                    + "); the details are in the server's log. "
                    + (mutating ? "Check with count_rows, list_record_ids or list_sources what changed before trying "
                            + "again." : "Try again."));
        } finally {
            lifecycle.callEnded();
        }
    }

    /** Why the call's requests to Clay should stop: the server stops, the client cancelled, the session ended. */
    private Supplier<Optional<String>> stopSignal(InvocationContext ctx) {
        Cancellation cancellation = argument(ctx, Cancellation.class);
        McpConnection connection = argument(ctx, McpConnection.class);
        return () -> {
            Optional<String> stop = lifecycle.stopReason();
            if (stop.isEmpty() && cancellation != null && cancellation.check().isRequested()) {
                stop = Optional.of("the client cancelled the call");
            }
            if (stop.isEmpty() && connection != null && connection.status() == McpConnection.Status.CLOSED) {
                stop = Optional.of("the client's session ended");
            }
            return stop;
        };
    }

    private static <T> T argument(InvocationContext ctx, Class<T> type) {
        for (Object value : ctx.getParameters()) {
            if (type.isInstance(value)) {
                return type.cast(value);
            }
        }
        return null;
    }

    private static Map<String, Object> arguments(InvocationContext ctx) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Parameter[] parameters = ctx.getMethod().getParameters();
        Object[] values = ctx.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            if (AUDITED_ARGUMENTS.contains(parameters[i].getName()) && values[i] != null) {
                fields.put(parameters[i].getName(), values[i]);
            }
        }
        return fields;
    }
}
