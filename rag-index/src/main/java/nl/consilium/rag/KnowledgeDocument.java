package nl.consilium.rag;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A curated document as IT sees it in the management list. */
public record KnowledgeDocument(
        UUID id,
        String sourceId,
        String externalKey,
        String title,
        String owner,
        String version,
        Language language,
        ApprovalState state,
        LocalDate reviewDate,
        String licenceNote,
        String url,
        DocumentFormat format,
        String contentHash,
        int chunkCount,
        Instant createdAt,
        Instant updatedAt,
        String stateChangedBy,
        Instant stateChangedAt) {
}
