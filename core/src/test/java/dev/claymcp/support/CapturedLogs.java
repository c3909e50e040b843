package dev.claymcp.support;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects every log record of the application while installed (it runs in the test's JVM), with its formatted
 * message and any exception text, so tests can look for what must never be logged.
 */
public final class CapturedLogs extends Handler implements AutoCloseable {

    /** The root, and the audit category, which does not pass its lines up to the root. */
    private static final List<String> CATEGORIES = List.of("", "clay.audit");

    private final List<LogRecord> records = new ArrayList<>();

    public static CapturedLogs start() {
        CapturedLogs logs = new CapturedLogs();
        for (String category : CATEGORIES) {
            Logger.getLogger(category).addHandler(logs);
        }
        return logs;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    public synchronized List<String> lines(String category) {
        List<String> out = new ArrayList<>();
        for (LogRecord r : records) {
            if (category == null || category.equals(r.getLoggerName())) {
                out.add(render(r));
            }
        }
        return out;
    }

    /** Everything captured, messages and stack traces, as one text. */
    public String all() {
        return String.join("\n", lines(null));
    }

    private static String render(LogRecord r) {
        StringBuilder b = new StringBuilder(String.valueOf(r.getLoggerName())).append(' ');
        String msg = r instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage() : r.getMessage();
        b.append(msg);
        for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
            b.append("\n").append(t);
            for (StackTraceElement e : t.getStackTrace()) {
                b.append("\n  at ").append(e);
            }
        }
        return b.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        for (String category : CATEGORIES) {
            Logger.getLogger(category).removeHandler(this);
        }
    }
}
