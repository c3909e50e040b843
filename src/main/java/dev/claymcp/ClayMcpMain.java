package dev.claymcp;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.annotations.QuarkusMain;

import dev.claymcp.transport.StdioGuard;

/**
 * Entry point. In stdio mode (the default) it puts {@link StdioGuard} on stdin/stdout before Quarkus starts, since
 * the MCP library takes both streams as its transport initialises.
 */
@QuarkusMain
public class ClayMcpMain {

    public static void main(String... args) throws Exception {
        String transport = setting("clay.mcp.transport", "CLAY_MCP_TRANSPORT", "stdio").trim().toLowerCase();
        switch (transport) {
            case "stdio" -> StdioGuard.install(DurationConverter.parseDuration(
                    setting("clay.mcp.drain-timeout", "CLAY_MCP_DRAIN_TIMEOUT", "60s").trim()));
            case "http" -> {
            }
            default -> {
                System.err.println("clay-mcp-server: CLAY_MCP_TRANSPORT must be 'stdio' or 'http'; got '" + transport + "'.");
                System.exit(2);
            }
        }
        Quarkus.run(args);
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
