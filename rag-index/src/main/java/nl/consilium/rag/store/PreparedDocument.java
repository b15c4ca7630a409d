package nl.consilium.rag.store;

import java.util.List;
import nl.consilium.rag.ApprovalState;
import nl.consilium.rag.DocumentFormat;
import nl.consilium.rag.DocumentMetadata;
import nl.consilium.rag.chunk.Chunk;

/** A parsed, chunked and embedded document ready to be written in one transaction. */
public record PreparedDocument(DocumentMetadata metadata, String title, DocumentFormat format, String contentHash,
                               ApprovalState requestedState, List<Chunk> chunks, List<float[]> vectors) {

    /** A re-upload whose hash matched before parsing: the store only confirms it under lock. */
    public static PreparedDocument unchangedCheck(DocumentMetadata metadata, DocumentFormat format, String contentHash) {
        return new PreparedDocument(metadata, null, format, contentHash, null, List.of(), List.of());
    }

    public boolean isUnchangedCheck() {
        return title == null;
    }


    public PreparedDocument {
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException("one vector per chunk");
        }
    }
}
