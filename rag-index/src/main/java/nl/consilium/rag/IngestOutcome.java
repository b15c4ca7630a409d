package nl.consilium.rag;

import java.util.UUID;

/** Result of one ingestion. A refused file is an {@link IngestionException}, not an outcome. */
public sealed interface IngestOutcome {

    UUID documentId();

    record Added(UUID documentId, int chunks, ApprovalState state) implements IngestOutcome {
    }

    record Replaced(UUID documentId, int chunks, ApprovalState state) implements IngestOutcome {
    }

    record Unchanged(UUID documentId) implements IngestOutcome {
    }
}
