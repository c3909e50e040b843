package dev.claymcp.policy;

import java.util.Optional;

/**
 * Who opened each MCP session, as the transport authenticated them: {@code sub:<subject>} for an OAuth token,
 * {@code token#<n>} for the n-th of {@code CLAY_MCP_AUTH_TOKENS}. Nothing secret. Audit lines name the caller with it,
 * so a team can tell who changed what; a stdio session, or an HTTP one without authentication, has no caller.
 */
public interface SessionCallers {

    Optional<String> callerOf(String sessionId);
}
