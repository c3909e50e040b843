package dev.claymcp.transport.http;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

import dev.claymcp.policy.ToolRegistry;

/**
 * Keeps what clients send out of metric labels. The MCP library times each request as
 * {@code mcp_server_requests_<method>_seconds} and labels a tool call with the tool name the client sent, a resource
 * read with its URI and a prompt with its name: any client could make a new series per call, until the heap runs out.
 * Here a tool name becomes a label only when it names a tool of this server's registry; any other name, and every
 * resource URI and prompt name (this server has none), become {@code unknown}. So the number of series is fixed by
 * the build, whatever clients send.
 */
public class BoundedMetricTags {

    static final String UNKNOWN = "unknown";
    private static final String LIBRARY_PREFIX = "mcp.server.";

    @Produces
    @Singleton
    MeterFilter libraryLabelsFromTheRegistry(Provider<ToolRegistry> registry) {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith(LIBRARY_PREFIX)) {
                    return id;
                }
                String tool = id.getTag("tool.name");
                boolean known = tool == null || registry.get().isChecked(tool);
                if (known && id.getTag("resource.uri") == null && id.getTag("prompt.name") == null) {
                    return id;
                }
                return id.replaceTags(id.getTags().stream().map(t -> switch (t.getKey()) {
                    case "tool.name" -> registry.get().isChecked(t.getValue()) ? t : Tag.of(t.getKey(), UNKNOWN);
                    case "resource.uri", "prompt.name" -> Tag.of(t.getKey(), UNKNOWN);
                    default -> t;
                }).toList());
            }
        };
    }
}
