package dev.claymcp.transport.http;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.quarkiverse.mcp.server.runtime.ConnectionManager;

import dev.claymcp.policy.SessionCallers;

/**
 * Which caller opened each HTTP session: an OAuth subject or one of the static tokens. {@link HttpGuard} binds a
 * session when it is opened and refuses it to anyone else, who gets 404 as for a session that does not exist (a
 * session id seen in a log, a proxy or a shared screen is no way into another caller's session). The MCP library
 * keeps the sessions; entries of sessions it no longer has are dropped as new ones are bound, so this holds at most
 * about as many entries as there are open sessions.
 */
@Singleton
public class SessionOwners implements SessionCallers {

    /** The caller of a request that needed no authentication (a loopback server without tokens). */
    static final String ANONYMOUS = "anonymous";

    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final ConnectionManager sessions;

    public SessionOwners(ConnectionManager sessions) {
        this.sessions = sessions;
    }

    void bind(String sessionId, String caller) {
        owners.keySet().removeIf(id -> !sessions.has(id));
        owners.put(sessionId, caller);
    }

    /** Whether this caller may use the session: it opened it, or the session is not bound (then it is unknown). */
    boolean mayUse(String sessionId, String caller) {
        String owner = owners.get(sessionId);
        return owner == null || owner.equals(caller);
    }

    @Override
    public Optional<String> callerOf(String sessionId) {
        return Optional.ofNullable(owners.get(sessionId)).filter(c -> !c.equals(ANONYMOUS));
    }

    /** The ids of the open legacy SSE sessions, to tell which one a GET /mcp/sse opened. */
    java.util.Set<String> openSseIds() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        sessions.forEach(c -> {
            if (c.getClass().getSimpleName().equals("SseMcpConnection")) {
                ids.add(c.id());
            }
        });
        return ids;
    }

    /** Open sessions, for the session limit and the gauge. */
    int open() {
        int n = 0;
        for (var it = sessions.iterator(); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }
}
