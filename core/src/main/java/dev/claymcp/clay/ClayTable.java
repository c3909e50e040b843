package dev.claymcp.clay;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A table's schema, read tolerantly from Clay's answer ({@code {"table":{…}}} or a bare table): its fields (columns)
 * and views. A field of type {@code action} is an enrichment.
 */
public record ClayTable(String id, String name, String workspaceId, String workbookId, String firstViewId,
        List<Field> fields, List<View> views) {

    public record Field(String id, String name, String type) {
        /** Whether the field is an enrichment (Clay's type {@code action}): running it spends credits. */
        public boolean enrichment() {
            return "action".equals(type);
        }
    }

    public record View(String id, String name) {
    }

    /** The field with this id, or null. */
    public Field field(String fieldId) {
        return fields.stream().filter(f -> f.id().equals(fieldId)).findFirst().orElse(null);
    }

    static ClayTable parse(JsonNode answer, String tableId) {
        JsonNode table = answer != null && answer.has("table") && answer.get("table").isObject() ? answer.get("table")
                : answer;
        if (table == null || !table.isObject() || !table.path("fields").isArray()) {
            throw ClayFailures.unexpectedAnswer(200, "a table with its fields");
        }
        List<Field> fields = new ArrayList<>();
        for (JsonNode f : table.get("fields")) {
            String id = text(f, "id");
            if (id != null) {
                fields.add(new Field(id, text(f, "name") == null ? id : text(f, "name"), text(f, "type")));
            }
        }
        List<View> views = new ArrayList<>();
        JsonNode viewList = table.path("views").isArray() ? table.get("views") : table.path("gridViews");
        for (JsonNode v : viewList) {
            String id = text(v, "id");
            if (id != null) {
                views.add(new View(id, text(v, "name") == null ? id : text(v, "name")));
            }
        }
        String firstView = text(table, "firstViewId");
        if (firstView == null && !views.isEmpty()) {
            firstView = views.get(0).id();
        }
        return new ClayTable(text(table, "id") == null ? tableId : text(table, "id"), text(table, "name"),
                text(table, "workspaceId"), text(table, "workbookId"), firstView, List.copyOf(fields),
                List.copyOf(views));
    }

    /** A text or number member as text, or null. */
    static String text(JsonNode node, String member) {
        JsonNode value = node == null ? null : node.get(member);
        return value == null || !(value.isTextual() || value.isNumber()) ? null : value.asText();
    }
}
