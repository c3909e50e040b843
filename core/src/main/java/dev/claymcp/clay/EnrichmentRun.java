package dev.claymcp.clay;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What to run: these fields on the top {@code numRecords} records of a view, or on all of them when
 * {@code numRecords} is null.
 */
public record EnrichmentRun(List<String> fieldIds, String viewId, Integer numRecords) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The request document of Clay's run endpoint. */
    public Map<String, Object> document() {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("viewId", viewId);
        if (numRecords != null) {
            top.put("numRecords", numRecords);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("fieldIds", fieldIds);
        doc.put("runRecords", Map.of("viewIdTopRecords", top));
        doc.put("callerName", "API");
        return doc;
    }

    /**
     * The form body Clay expects: the JSON document percent-encoded as the single field name, with an empty value
     * ({@code <urlencoded json>=}), so a form parser reads back exactly the JSON.
     */
    public String formBody() {
        try {
            return URLEncoder.encode(JSON.writeValueAsString(document()), StandardCharsets.UTF_8) + "=";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run document is not serialisable", e);
        }
    }
}
