package dev.claymcp.policy;

import java.lang.reflect.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolCallException;

import dev.claymcp.clay.ClayException;
import dev.claymcp.tools.Audited;

/**
 * Wraps every tool call: refuses tools the {@link ToolPolicy} turned off, turns {@link ClayException}s into
 * {@code isError} results (never a JSON-RPC internal error), and writes the audit line of mutating tools.
 */
@PolicyGuarded
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class ToolCallInterceptor {

    /** Arguments worth an audit line: ids and small numbers, never free text or cell values. */
    private static final List<String> AUDITED_ARGUMENTS = List.of("tableId", "viewId", "recordId", "sourceId",
            "workspaceId", "fieldIds", "numRecords", "allRecords");

    private final ToolPolicy policy;
    private final AuditLog audit;

    public ToolCallInterceptor(ToolPolicy policy, AuditLog audit) {
        this.policy = policy;
        this.audit = audit;
    }

    @AroundInvoke
    Object guard(InvocationContext ctx) throws Exception {
        Tool tool = ctx.getMethod().getAnnotation(Tool.class);
        if (tool == null) {
            return ctx.proceed();
        }
        String name = tool.name();
        boolean mutating = !tool.annotations().readOnlyHint();
        var refusal = policy.refusal(name);
        if (refusal.isPresent()) {
            if (mutating) {
                audit.record(name, "refused", arguments(ctx));
            }
            throw new ToolCallException(refusal.get());
        }
        try {
            Object result = ctx.proceed();
            if (mutating) {
                Map<String, Object> fields = arguments(ctx);
                if (result instanceof Audited a) {
                    fields.putAll(a.auditFields());
                }
                audit.record(name, "ok", fields);
            }
            return result;
        } catch (ClayException e) {
            if (mutating) {
                Map<String, Object> fields = arguments(ctx);
                fields.put("error", e.kind().name());
                if (e.status() > 0) {
                    fields.put("status", e.status());
                }
                audit.record(name, "error", fields);
            }
            throw new ToolCallException(e.getMessage());
        } catch (ToolCallException e) {
            if (mutating) {
                Map<String, Object> fields = arguments(ctx);
                if (e instanceof Audited a) {
                    // a call that stopped part-way: some of it reached Clay
                    fields.putAll(a.auditFields());
                    audit.record(name, "error", fields);
                } else {
                    // refused by a check or by the user before anything changed
                    audit.record(name, "refused", fields);
                }
            }
            throw e;
        }
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
