package nl.consilium.app.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import nl.consilium.app.conversation.ConversationNotFoundException;
import nl.consilium.app.conversation.ConversationStore;
import nl.consilium.policy.Application;
import nl.consilium.policy.Detection;
import nl.consilium.policy.PersonalDataDetector;
import nl.consilium.policy.PseudonymisationSession;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Conversations in progress. The pseudonymisation session (with its reverse mapping) lives only here, in this
 * instance's memory, and is dropped when the conversation goes idle: it is never stored or sent anywhere. A turn
 * that lands on another instance resumes the stored conversation with a fresh session.
 */
@Component
public class Conversations {

    private static final Duration IDLE = Duration.ofHours(8);

    /** A conversation as the chat turn needs it. */
    public record Active(UUID id, String userId, String applicationId, Optional<String> patientId,
            boolean treatmentRelationship, boolean stored, PseudonymisationSession pseudonyms) {
    }

    private record Entry(Active active, Instant lastUsed) {
    }

    private final Map<UUID, Entry> active = new ConcurrentHashMap<>();
    private final ConversationStore store;
    private final PersonalDataDetector detector;
    private final TreatmentRelationships treatmentRelationships;

    public Conversations(ConversationStore store, PersonalDataDetector detector,
            TreatmentRelationships treatmentRelationships) {
        this.store = store;
        this.detector = detector;
        this.treatmentRelationships = treatmentRelationships;
    }

    public Active start(String userId, Application application, Optional<String> patientId, String title) {
        Optional<UUID> stored = store.start(userId, application.id(), patientId, title,
                application.conversationRetention());
        UUID id = stored.orElseGet(UUID::randomUUID);
        Active conversation = new Active(id, userId, application.id(), patientId,
                patientId.map(p -> treatmentRelationships.confirmed(userId, p)).orElse(false), stored.isPresent(),
                Detection.newPseudonymisationSession(detector));
        active.put(id, new Entry(conversation, Instant.now()));
        return conversation;
    }

    public Active get(String userId, UUID id) {
        Entry entry = active.get(id);
        if (entry != null) {
            if (!entry.active().userId().equals(userId)) {
                throw new ConversationNotFoundException();
            }
            active.put(id, new Entry(entry.active(), Instant.now()));
            return entry.active();
        }
        ConversationStore.Resumable resumable = store.resume(userId, id).orElseThrow(ConversationNotFoundException::new);
        Active conversation = new Active(id, userId, resumable.applicationId(), resumable.patientId(),
                resumable.patientId().map(p -> treatmentRelationships.confirmed(userId, p)).orElse(false), true,
                Detection.newPseudonymisationSession(detector));
        active.put(id, new Entry(conversation, Instant.now()));
        return conversation;
    }

    public void forget(UUID id) {
        active.remove(id);
    }

    public void forgetAllOf(String userId) {
        active.values().removeIf(entry -> entry.active().userId().equals(userId));
    }

    @Scheduled(fixedDelay = 600_000, initialDelay = 600_000)
    void dropIdle() {
        Instant cutoff = Instant.now().minus(IDLE);
        active.values().removeIf(entry -> entry.lastUsed().isBefore(cutoff));
    }
}
