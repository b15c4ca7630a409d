package nl.consilium.rag;

import java.time.Instant;
import java.util.UUID;

/**
 * What happened to the knowledge base, for the audit log. Events are raised inside the
 * transaction that makes the change: if the listener throws, the change is rolled back.
 */
public sealed interface KnowledgeEvent {

    String actor();

    Instant at();

    record DocumentAdded(UUID documentId, String sourceId, String externalKey, String title, String version,
                         String contentHash, int chunks, ApprovalState state, String actor, Instant at) implements KnowledgeEvent {
    }

    /** New content replaced the old chunks atomically. */
    record DocumentReplaced(UUID documentId, String sourceId, String externalKey, String title, String version,
                            String previousContentHash, String contentHash, int chunks, ApprovalState state,
                            String actor, Instant at) implements KnowledgeEvent {
    }

    /** Same content as already indexed: nothing changed. */
    record DocumentUnchanged(UUID documentId, String sourceId, String externalKey, String contentHash,
                             String actor, Instant at) implements KnowledgeEvent {
    }

    record DocumentStateChanged(UUID documentId, String sourceId, String title, ApprovalState from, ApprovalState to,
                                String actor, Instant at) implements KnowledgeEvent {
    }

    /** A file refused at ingestion; the index is unchanged. */
    record DocumentRejected(String sourceId, String externalKey, IngestionException.Reason reason, String message,
                            String actor, Instant at) implements KnowledgeEvent {
    }
}
