package dev.claymcp.clay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Clay's answers read tolerantly: wrapped or bare, sparse, with deleted rows and pending statuses. */
class ClayAnswersTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void aTableWrappedOrBareWithViewsOrGridViews() {
        String bare = "{'id':'t_1','name':'Leads','workspaceId':42,'fields':[{'id':'f_a','name':'A','type':'text'},"
                + "{'id':'f_e','name':'E','type':'action'},{'name':'no id'}],'gridViews':[{'id':'gv_1','name':'V'}]}";
        for (String answer : List.of(bare, "{'table':" + bare + ",'extraData':{}}")) {
            ClayTable table = ClayTable.parse(json(answer), "t_1");
            assertEquals("42", table.workspaceId());
            assertEquals("gv_1", table.firstViewId(), "the first view when firstViewId is missing");
            assertEquals(List.of("f_a", "f_e"), table.fields().stream().map(ClayTable.Field::id).toList());
            assertTrue(table.field("f_e").enrichment());
            assertFalse(table.field("f_a").enrichment());
        }
        assertThrows(ClayException.class, () -> ClayTable.parse(json("{'table':{'id':'t_1'}}"), "t_1"));
    }

    @Test
    void recordsLeaveDeletedOnesOutAndKeepStatusesAndFullValues() {
        List<ClayRecord> records = ClayRecord.parseAll(json("{'results':[{'id':'r1','cells':{'f_a':{'value':'x'},"
                + "'f_e':{'value':'Status Code: 200','metadata':{'status':'SUCCESS'},'externalContent':{'fullValue':"
                + "{'k':1}}}}},{'id':'r2','deletedBy':'u_1','cells':{}},{'cells':{}},{'id':'r3','deletedBy':null,"
                + "'cells':{'f_a':7}}]}"));
        assertEquals(List.of("r1", "r3"), records.stream().map(ClayRecord::id).toList());
        ClayRecord.Cell enriched = records.get(0).cells().get("f_e");
        assertEquals("SUCCESS", enriched.status());
        assertEquals(1, enriched.fullValue().get("k").asInt());
        assertNull(records.get(0).cells().get("f_a").status());
        assertEquals(7, records.get(1).cells().get("f_a").value().asInt(), "a plain value is a value");
        assertEquals(2, ClayRecord.parseAll(json("[{'id':'a'},{'id':'b'}]")).size(), "a bare array");
    }

    @Test
    void runStatusesArePendingOrCountedAndDoneWhenNothingIsLeftToRun() {
        Map<String, FieldRunStatus> statuses = FieldRunStatus.parseAll(json("{'statusCountsByField':{"
                + "'f_a':[{'status':'SUCCESS','count':3},{'status':'ERROR_TIMEOUT','count':1}],"
                + "'f_b':[{'status':'SUCCESS','count':1},{'status':'QUEUED','count':2}],"
                + "'f_c':'_pending','f_d':[{'status':'RETRY','count':0}]}}"));
        assertTrue(statuses.get("f_a").done());
        assertFalse(statuses.get("f_b").done());
        assertTrue(statuses.get("f_c").pending());
        assertFalse(statuses.get("f_c").done());
        assertTrue(statuses.get("f_d").done(), "none left to retry");
        assertEquals(Map.of("SUCCESS", 3L, "ERROR_TIMEOUT", 1L), statuses.get("f_a").counts());
    }

    @Test
    void workspaceTablesFromResultsTablesOrABareArray() {
        for (String answer : List.of("{'results':[{'id':'t_1','name':'A','workbookId':'wb'}]}",
                "{'tables':[{'id':'t_1','name':'A','workbookId':'wb'}]}", "[{'id':'t_1','name':'A','workbookId':'wb'}]")) {
            assertEquals(List.of(new TableSummary("t_1", "A", "wb")), TableSummary.parseAll(json(answer)));
        }
    }
}
