package dev.claymcp.config;

import java.util.Locale;

import org.eclipse.microprofile.config.spi.Converter;

/** How clients reach the server: {@code CLAY_MCP_TRANSPORT}. */
public enum Transport {
    /** Newline-delimited JSON-RPC on stdin and stdout: a desktop client starts the server. */
    STDIO,
    /** Streamable HTTP at /mcp and legacy SSE at /mcp/sse: the hosted build. */
    HTTP;

    public static Transport of(String value) {
        return Choice.of(Transport.class, "CLAY_MCP_TRANSPORT", value);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** For the configuration mapping. */
    public static final class Read implements Converter<Transport> {
        private static final long serialVersionUID = 1L;

        @Override
        public Transport convert(String value) {
            return of(value);
        }
    }
}
