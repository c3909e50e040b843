package dev.claymcp.policy;

import java.time.Duration;

import jakarta.inject.Singleton;

import io.quarkiverse.mcp.server.Elicitation;
import io.quarkiverse.mcp.server.ElicitationRequest.BooleanSchema;
import io.quarkiverse.mcp.server.ElicitationResponse;
import io.quarkiverse.mcp.server.ToolCallException;

import dev.claymcp.config.ClayConfig;

/**
 * Asks the human behind the client to confirm an irreversible change, when the client declares elicitation and
 * {@code CLAY_ELICITATION} is {@code auto}. Some clients declare the capability but never show the form, so the wait
 * is short ({@code CLAY_ELICITATION_TIMEOUT}, at most 30 s) and an unanswered question changes nothing. Clients that
 * are not asked still meet the tool's own guard (such as delete_all_rows' {@code confirm}).
 */
@Singleton
public class HumanConfirmation {

    static final String FIELD = "confirm";
    public static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final boolean enabled;
    private final Duration wait;

    public HumanConfirmation(ClayConfig config) {
        this.enabled = config.elicitation() == dev.claymcp.config.Elicitation.AUTO;
        this.wait = config.elicitationTimeout();
    }

    /** Whether {@link #confirm} will put a question to the human of this client. */
    public boolean willAsk(Elicitation elicitation) {
        return enabled && elicitation != null && elicitation.isSupported();
    }

    /** Returns when the human accepted (or could not be asked); throws an isError result otherwise. */
    public void confirm(Elicitation elicitation, String question) {
        if (!willAsk(elicitation)) {
            return;
        }
        ElicitationResponse answer;
        try {
            answer = elicitation.requestBuilder()
                    .setMessage(question)
                    .addSchemaProperty(FIELD, new BooleanSchema("Yes, do it", null, false, true))
                    .setTimeout(wait)
                    .build()
                    .sendAndAwait();
        } catch (RuntimeException e) {
            throw new ToolCallException("Nothing was changed: the confirmation request shown to the user got no answer "
                    + "within " + wait.toSeconds() + " s. If this client does not show confirmation forms, ask the user "
                    + "in the conversation instead; the server's operator can set CLAY_ELICITATION=off.");
        }
        if (answer == null || !answer.actionAccepted()) {
            throw new ToolCallException("Nothing was changed: the user did not confirm. Do not retry unless the user "
                    + "asks for it.");
        }
        Object confirmed;
        try {
            confirmed = answer.content().asMap().get(FIELD);
        } catch (RuntimeException noContent) {
            confirmed = null;
        }
        if (!(confirmed instanceof Boolean)) {
            throw new ToolCallException("Nothing was changed: the confirmation answer did not say yes or no ("
                    + FIELD + " must be true or false). Ask the user again.");
        }
        if (!((Boolean) confirmed)) {
            throw new ToolCallException("Nothing was changed: the user did not confirm. Do not retry unless the user "
                    + "asks for it.");
        }
    }
}
