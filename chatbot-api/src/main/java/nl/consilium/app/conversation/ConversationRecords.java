package nl.consilium.app.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Values of the conversation store, as shown to the conversation's owner. */
public final class ConversationRecords {

    private ConversationRecords() {
    }

    public record ConversationSummary(UUID id, String applicationId, String title, boolean patientContext,
            Instant createdAt, Instant updatedAt, Instant expiresAt) {
    }

    public record Message(int seq, String role, String content, Instant createdAt) {
    }

    public record Transcript(ConversationSummary conversation, List<Message> messages) {
    }
}
