package dev.claymcp.tools;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.claymcp.policy.Audited;

/**
 * What an {@code add_rows} call did, as structured content and as the text an agent reads. Rows are sent in order,
 * in chunks, so a call that stops part-way is described exactly and briefly: the first {@code added} rows were
 * added, the next {@code uncertain} ones may or may not have been (Clay gave no clear answer for their chunk), and
 * the rows from {@code firstNotAddedRow} on were not. A pure function of the ids and the counts.
 */
public final class AddRowsReport {

    /** Ids listed in the text of a partial report, per list; the structured content holds more. */
    static final int IDS_IN_TEXT = 20;

    private AddRowsReport() {
    }

    /** The structured content: the output schema's fields, and for a partial call what was not added. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String tableId, int added, List<String> recordIds,
            @Nullable Boolean recordIdsTruncated, @Nullable Integer uncertain, @Nullable List<String> uncertainIds,
            @Nullable Integer notAdded, @Nullable Integer firstNotAddedRow,
            @JsonIgnore boolean sentNothing) implements Audited {
        @Override
        public Map<String, Object> auditFields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("added", added);
            if (uncertain != null && uncertain > 0) {
                fields.put("uncertain", uncertain);
            }
            if (notAdded != null) {
                fields.put("notAdded", notAdded);
            }
            return fields;
        }
    }

    /** A partial report with its text. */
    record Partial(Result result, String text) {
    }

    static Result complete(String table, List<String> ids) {
        return new Result(table, ids.size(), ids, null, null, null, null, null, false);
    }

    /**
     * A call that stopped part-way.
     *
     * @param ids every row's id, in the order sent
     * @param added how many rows (from the first) were added
     * @param uncertain how many rows after those may or may not have been
     * @param failedReachedClay whether the request that failed reached Clay (which then refused it or gave no answer)
     * @param maxIds the most added ids listed in the structured content
     * @param why the reason the call stopped, a sentence
     */
    static Partial partial(String table, List<String> ids, int added, int uncertain, boolean failedReachedClay,
            int maxIds, String why) {
        int total = ids.size();
        int firstNotAdded = added + uncertain;
        List<String> addedIds = ids.subList(0, added);
        List<String> uncertainIds = ids.subList(added, firstNotAdded);
        int cap = Math.max(0, maxIds);
        boolean truncated = addedIds.size() > cap;
        Result report = new Result(table, added, List.copyOf(truncated ? addedIds.subList(0, cap) : addedIds),
                truncated, uncertain, List.copyOf(uncertainIds), total - firstNotAdded,
                firstNotAdded < total ? firstNotAdded : null, added == 0 && uncertain == 0 && !failedReachedClay);
        StringBuilder text = new StringBuilder(why).append(' ');
        text.append(added).append(" of ").append(total).append(" rows were added");
        if (added > 0) {
            text.append(" (").append(rows(0, added)).append(", ").append(span(addedIds)).append(')');
        }
        text.append('.');
        if (uncertain > 0) {
            text.append(" Clay gave no clear answer for ").append(rows(added, firstNotAdded)).append(" (")
                    .append(listed(uncertainIds)).append("): they may or may not have been added; check with "
                            + "count_rows or list_record_ids before sending them again.");
        }
        if (firstNotAdded < total) {
            text.append(" NOT added: ").append(rows(firstNotAdded, total)).append(" (")
                    .append(span(ids.subList(firstNotAdded, total))).append("); send only ")
                    .append(total - firstNotAdded == 1 ? "it" : "these").append(" again.");
        }
        if (truncated) {
            text.append(" structuredContent.recordIds holds the first ").append(cap).append(" added ids; "
                    + "list_record_ids shows what the table holds.");
        }
        return new Partial(report, text.toString());
    }

    /** Rows [from, to) by position in the call: "row 4" or "the 96 rows 4-99". */
    static String rows(int from, int to) {
        return to - from == 1 ? "row " + from : "the " + (to - from) + " rows " + from + "-" + (to - 1);
    }

    /** The first and last of a list of ids, for text that must stay short. */
    static String span(List<String> ids) {
        if (ids.size() == 1) {
            return "id " + ids.get(0);
        }
        return "ids " + (ids.size() == 2 ? String.join(", ", ids) : ids.get(0) + " … " + ids.get(ids.size() - 1));
    }

    static String listed(List<String> ids) {
        if (ids.size() == 1) {
            return "id " + ids.get(0);
        }
        if (ids.size() <= IDS_IN_TEXT) {
            return "ids " + String.join(", ", ids);
        }
        return "ids " + String.join(", ", ids.subList(0, IDS_IN_TEXT)) + " and " + (ids.size() - IDS_IN_TEXT)
                + " more, all in structuredContent.uncertainIds";
    }
}
