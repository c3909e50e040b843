package dev.claymcp.clay;

import java.util.List;
import java.util.Map;

/** The table-settings document that adds a webhook source, as Clay's own UI sends it. */
final class WebhookSource {

    private WebhookSource() {
    }

    static Map<String, Object> addSourceDocument(String workspaceId, String name) {
        Map<String, Object> typeSettings = Map.of(
                "urlSlugText", "Pull in data from a Webhook",
                "iconType", "Webhook",
                "name", "Webhook",
                "description", "Send any data to Clay",
                "stages", List.of());
        Map<String, Object> source = Map.of(
                "name", name,
                "workspaceId", workspaceId,
                "type", "webhook",
                "typeSettings", typeSettings);
        return Map.of(
                "tableSettings", Map.of(),
                "fieldGroupMap", Map.of(),
                "sourceSettings", Map.of("addSource", Map.of("name", "Webhook", "source", source)));
    }
}
