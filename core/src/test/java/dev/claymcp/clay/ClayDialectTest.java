package dev.claymcp.clay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.claymcp.clay.ClayDialect.Form;
import dev.claymcp.config.ApiDialect;
import dev.claymcp.clay.ClayDialect.Operation;
import dev.claymcp.clay.ClayException.Delivery;
import dev.claymcp.clay.ClayException.Kind;

/** When the server gives up a documented request for the observed one: only on proof that nothing was done. */
class ClayDialectTest {

    static ClayException failure(Kind kind, int status) {
        return new ClayException(kind, status, Delivery.REFUSED, "x");
    }

    @Test
    void onlyAMissingRouteOrARefusedBodySwitchesAndTheSwitchIsRemembered() {
        for (Operation op : Operation.values()) {
            ClayDialect dialect = new ClayDialect(ApiDialect.AUTO);
            for (ClayException noProof : new ClayException[] { failure(Kind.NOT_FOUND, 404),
                    failure(Kind.UNAVAILABLE, 503), failure(Kind.UNAVAILABLE, 0), failure(Kind.REJECTED, 400),
                    failure(Kind.RATE_LIMITED, 429), failure(Kind.AUTH, 401),
                    new ClayException(Kind.UNAVAILABLE, 0, Delivery.UNCERTAIN, "timeout") }) {
                assertFalse(dialect.switchesAfter(op, noProof), op + " " + noProof.kind());
                assertEquals(Form.DOCUMENTED, dialect.formFor(op));
            }
            assertTrue(dialect.switchesAfter(op, failure(Kind.NO_SUCH_ROUTE, 404)), op.name());
            assertEquals(Form.OBSERVED, dialect.formFor(op), "remembered");
        }
    }

    /** The observed single-row delete empties a table of the documented contract: only NoMatchingURL proves it safe. */
    @Test
    void deletingOneRowSwitchesOnNoMatchingUrlAlone() {
        ClayDialect dialect = new ClayDialect(ApiDialect.AUTO);
        assertFalse(dialect.switchesAfter(Operation.DELETE_RECORD, failure(Kind.NO_SUCH_ROUTE, 405)));
        assertFalse(dialect.switchesAfter(Operation.DELETE_RECORD, failure(Kind.INVALID_BODY, 400)));
        assertEquals(Form.DOCUMENTED, dialect.formFor(Operation.DELETE_RECORD));
        assertTrue(dialect.switchesAfter(Operation.RUN_ENRICHMENT, failure(Kind.INVALID_BODY, 400)));
        assertTrue(dialect.switchesAfter(Operation.LIST_SOURCES, failure(Kind.NO_SUCH_ROUTE, 405)));
    }

    @Test
    void aFixedDialectNeverSwitches() {
        ClayDialect documented = new ClayDialect(ApiDialect.DOCUMENTED);
        ClayDialect observed = new ClayDialect(ApiDialect.OBSERVED);
        for (Operation op : Operation.values()) {
            assertFalse(documented.switchesAfter(op, failure(Kind.NO_SUCH_ROUTE, 404)));
            assertEquals(Form.DOCUMENTED, documented.formFor(op));
            assertEquals(Form.OBSERVED, observed.formFor(op));
        }
    }

    @Test
    void theSettingIsReadInAnyLetterCaseAndAnythingElseIsRefused() {
        assertEquals(ApiDialect.OBSERVED, ApiDialect.of(" Observed "));
        assertEquals("CLAY_API_DIALECT must be 'auto', 'documented' or 'observed'; got 'live'",
                assertThrows(IllegalArgumentException.class, () -> ApiDialect.of("live")).getMessage());
    }
}
