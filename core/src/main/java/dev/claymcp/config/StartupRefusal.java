package dev.claymcp.config;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * A configuration the server will not start with. Quarkus prints the message of a {@link ConfigurationException} that
 * is the root cause of a failed start on stderr as it is, without a stack trace, and exits with status 1; so the
 * message must say what is wrong, which variable, and what to do, in one or two lines.
 */
public final class StartupRefusal extends ConfigurationException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public StartupRefusal(String message) {
        super("clay-mcp-server: " + message);
        this.reason = message;
    }

    /** The message without the server's name in front, to join with others. */
    public String reason() {
        return reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
    }

    /** No stack trace: the message is the whole story, and it never holds a secret. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
