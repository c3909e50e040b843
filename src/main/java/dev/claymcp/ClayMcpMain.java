package dev.claymcp;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quarkus.runtime.configuration.DurationConverter;

import dev.claymcp.transport.StdioGuard;

/**
 * Entry point. In stdio mode (the default) it puts {@link StdioGuard} on stdin/stdout before Quarkus starts, since
 * the MCP library takes both streams as its transport initialises.
 */
@QuarkusMain
public class ClayMcpMain {

    public static void main(String... args) {
        String transport = setting("clay.mcp.transport", "CLAY_MCP_TRANSPORT", "stdio").trim().toLowerCase();
        switch (transport) {
            case "stdio" -> {
                try {
                    StdioGuard.install(DurationConverter.parseDuration(
                            setting("clay.mcp.drain-timeout", "CLAY_MCP_DRAIN_TIMEOUT", "60s").trim()),
                            Integer.parseInt(setting("clay.mcp.max-message-bytes", "CLAY_MCP_MAX_MESSAGE_BYTES",
                                    Integer.toString(StdioGuard.DEFAULT_MAX_LINE_BYTES)).trim()));
                } catch (IllegalArgumentException e) {
                    refuse("CLAY_MCP_DRAIN_TIMEOUT must be a duration such as 60s, and CLAY_MCP_MAX_MESSAGE_BYTES a "
                            + "whole number of bytes.");
                }
            }
            case "http" -> {
            }
            default -> refuse("CLAY_MCP_TRANSPORT must be 'stdio' or 'http'; got '" + transport + "'.");
        }
        Quarkus.run(args);
    }

    private static void refuse(String message) {
        System.err.println("clay-mcp-server: " + message);
        System.exit(2);
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
