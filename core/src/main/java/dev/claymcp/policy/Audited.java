package dev.claymcp.policy;

import java.util.Map;

/**
 * A result (or failure) of a mutating tool that can say what it changed, for the audit line: ids and counts only,
 * never cell values.
 */
public interface Audited {

    Map<String, Object> auditFields();

    /** Whether nothing of the call reached Clay, so that an isError answer is audited as refused rather than error. */
    default boolean sentNothing() {
        return false;
    }
}
