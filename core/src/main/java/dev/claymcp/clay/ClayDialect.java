package dev.claymcp.clay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import dev.claymcp.config.ApiDialect;

/**
 * Which form of each request this server sends Clay. Clay's table API is the web app's own and has changed since the
 * page our contract was copied from ({@code clay-tables-api.md}); working clients show how it answers today
 * ({@code clay-observed-api.md}). {@code CLAY_API_DIALECT} chooses:
 * <ul>
 * <li>{@code documented}: the contract's requests only;</li>
 * <li>{@code observed}: today's requests only;</li>
 * <li>{@code auto} (default): the documented request first, and the observed one only when Clay has proved that the
 * documented one did nothing: its route does not exist (404 {@code NoMatchingURL}, or 405), or its body did not
 * validate (400 with {@code details.bodyErrors}). The switch is remembered per operation for the life of the process,
 * and logged once. Nothing else switches: a 404 {@code NotFound} is a wrong id, and a timeout or a 5xx may have done
 * something.</li>
 * </ul>
 */
public final class ClayDialect {

    private static final Logger LOG = Logger.getLogger(ClayDialect.class);

    /** A request that has a documented and an observed form. */
    public enum Operation {
        LIST_SOURCES("listing a table's sources"),
        DELETE_SOURCE("deleting a source"),
        DELETE_RECORD("deleting one row"),
        DELETE_ALL_RECORDS("deleting all rows at once"),
        RUN_ENRICHMENT("running an enrichment");

        final String what;

        Operation(String what) {
            this.what = what;
        }
    }

    /** The form of a request. */
    public enum Form {
        DOCUMENTED, OBSERVED
    }

    private final ApiDialect mode;
    private final Map<Operation, Form> learnt = new ConcurrentHashMap<>();

    public ClayDialect(ApiDialect mode) {
        this.mode = mode;
    }

    public ApiDialect mode() {
        return mode;
    }

    /** The form to send for this operation now. */
    public Form formFor(Operation operation) {
        return switch (mode) {
            case DOCUMENTED -> Form.DOCUMENTED;
            case OBSERVED -> Form.OBSERVED;
            case AUTO -> learnt.getOrDefault(operation, Form.DOCUMENTED);
        };
    }

    /**
     * Whether the documented form of this operation may be given up for the observed one after this failure of the
     * documented form, which is remembered when so. Only in {@code auto}, and only on proof that nothing was done.
     */
    public boolean switchesAfter(Operation operation, ClayException failure) {
        if (mode != ApiDialect.AUTO || !provesNothingDone(operation, failure)) {
            return false;
        }
        if (learnt.put(operation, Form.OBSERVED) != Form.OBSERVED) {
            LOG.infof("Clay answered that the documented request for %s %s; this server sends the observed form of it "
                    + "from now on (CLAY_API_DIALECT=auto).", operation.what,
                    failure.kind() == ClayException.Kind.INVALID_BODY ? "has a body it does not take"
                            : "has no route");
        }
        return true;
    }

    /**
     * What proves that a documented request did nothing. For deleting one row only a missing route does: the
     * observed form of that request is, to a server of the documented contract, the request that empties the table,
     * so a mere 405 (or a body complaint) is no proof that this is not such a server.
     */
    static boolean provesNothingDone(Operation operation, ClayException failure) {
        return switch (failure.kind()) {
            case NO_SUCH_ROUTE -> operation != Operation.DELETE_RECORD || failure.status() == 404;
            case INVALID_BODY -> operation != Operation.DELETE_RECORD;
            default -> false;
        };
    }
}
