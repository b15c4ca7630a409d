package nl.consilium.app.chat;

import nl.consilium.rag.RetrievedPassage;

/**
 * A numbered source as the user sees it under an answer: exactly the passage the model (or the extractive
 * answer) was given, with what is needed to open it at the right section.
 */
public record Source(int number, String documentId, long chunkId, String sourceId, String title, String headingPath,
        String version, String location, String text) {

    static Source of(int number, RetrievedPassage passage) {
        return new Source(number, passage.documentId().toString(), passage.chunkId(), passage.sourceId(),
                passage.title(), passage.headingPath(), passage.version(), passage.location(), passage.text());
    }

    /** The audit reference of the passage: document and chunk, never its text. */
    String reference() {
        return "KnowledgeDocument/" + documentId + "#chunk-" + chunkId + "@v" + version;
    }
}
