package dev.claymcp.policy;

import java.time.Duration;

import jakarta.inject.Singleton;

import io.quarkiverse.mcp.server.Elicitation;
import io.quarkiverse.mcp.server.ElicitationRequest.BooleanSchema;
import io.quarkiverse.mcp.server.ElicitationResponse;
import io.quarkiverse.mcp.server.ToolCallException;

/**
 * Asks the human behind the client to confirm an irreversible change, when the client supports elicitation. Clients
 * without it are not asked; the tool's own guard (such as delete_all_rows' {@code confirm}) still applies.
 */
@Singleton
public class HumanConfirmation {

    static final String FIELD = "confirm";
    private static final Duration WAIT = Duration.ofMinutes(5);

    /** Returns when the human accepted (or could not be asked); throws an isError result otherwise. */
    public void confirm(Elicitation elicitation, String question) {
        if (elicitation == null || !elicitation.isSupported()) {
            return;
        }
        ElicitationResponse answer;
        try {
            answer = elicitation.requestBuilder()
                    .setMessage(question)
                    .addSchemaProperty(FIELD, new BooleanSchema("Yes, do it", null, false, true))
                    .setTimeout(WAIT)
                    .build()
                    .sendAndAwait();
        } catch (RuntimeException e) {
            throw new ToolCallException("Nothing was changed: the confirmation request to the user got no answer.");
        }
        if (!answer.actionAccepted() || !Boolean.TRUE.equals(answer.content().getBoolean(FIELD))) {
            throw new ToolCallException("Nothing was changed: the user did not confirm. Do not retry unless the user "
                    + "asks for it.");
        }
    }
}
