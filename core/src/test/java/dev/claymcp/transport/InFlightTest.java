package dev.claymcp.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Requests are tracked by id until answered; the wait for them ends when the last is answered, or at its limit. */
class InFlightTest {

    @Test
    void aWaitEndsWhenTheLastRequestIsAnswered() throws InterruptedException {
        InFlight inFlight = new InFlight();
        assertTrue(inFlight.received("1"));
        assertTrue(inFlight.received("\"a\""));
        assertFalse(inFlight.received("1"), "the same id while unanswered");
        assertFalse(inFlight.awaitNone(Duration.ZERO));

        Thread answers = new Thread(() -> {
            inFlight.answered("1");
            inFlight.answered("\"a\"");
        });
        answers.start();
        assertTrue(inFlight.awaitNone(Duration.ofMinutes(1)), "woken by the last answer, long before the limit");
        answers.join();
    }

    @Test
    void anAnswerToSomethingNeverAskedChangesNothing() {
        InFlight inFlight = new InFlight();
        inFlight.answered("9");
        assertTrue(inFlight.awaitNone(Duration.ZERO));
    }
}
