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

    /**
     * Whether this upload leaves the stored document as it is: same content, and the document is not
     * retired (uploading a retired document again is how it comes back, for a new review).
     */
    public boolean leavesUnchanged(String storedHash, ApprovalState storedState) {
        return storedHash != null && storedHash.equals(contentHash) && storedState != ApprovalState.RETIRED;
    }

    /**
     * The state after the write: what the upload asks for; otherwise a new document starts as a draft,
     * a re-upload keeps its state, and a retired document that comes back starts a new review as a draft.
     */
    public ApprovalState stateAfterWrite(ApprovalState storedState) {
        if (requestedState != null) {
            return requestedState;
        }
        return storedState == null || storedState == ApprovalState.RETIRED ? ApprovalState.DRAFT : storedState;
    }


    public PreparedDocument {
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException("one vector per chunk");
        }
    }
}
