package dev.claymcp.policy;

import java.util.Map;

/**
 * A result (or failure) of a mutating tool that can say what it changed, for the audit line: ids and counts only,
 * never cell values.
 */
public interface Audited {

    Map<String, Object> auditFields();
}
