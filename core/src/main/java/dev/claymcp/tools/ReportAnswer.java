package dev.claymcp.tools;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolResponse;

/**
 * The answer of a tool that reports what it did as structured content: the report, and as text either the words of a
 * call that stopped part-way or, for one that finished, the report itself as JSON.
 */
final class ReportAnswer {

    private ReportAnswer() {
    }

    static ToolResponse of(ObjectMapper json, boolean isError, Object report, String message) {
        String text = message;
        if (text == null) {
            try {
                text = json.writeValueAsString(report);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("result is not serialisable", e);
            }
        }
        return new ToolResponse(isError, List.of(new TextContent(text)), report, null);
    }
}
