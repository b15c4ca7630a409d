package nl.consilium.rag;

import java.util.UUID;

/**
 * One retrieved passage with everything needed to show it as a numbered source.
 *
 * @param headingPath "Richtlijn X > Behandeling > Antibiotica"
 * @param location    URL or location of the document, with "#page=N" for PDF pages; may be null
 * @param text        the exact passage text as indexed
 * @param score       fused score (hybrid: reciprocal rank fusion; lexical: ts_rank; dense: cosine similarity)
 */
public record RetrievedPassage(
        UUID documentId,
        long chunkId,
        String sourceId,
        String externalKey,
        String title,
        String headingPath,
        String version,
        String location,
        Language language,
        String text,
        double score) {

    /** Spring AI document metadata keys used by {@link KnowledgeRetriever}. */
    public static final String META_DOCUMENT_ID = "documentId";
    public static final String META_CHUNK_ID = "chunkId";
    public static final String META_SOURCE_ID = "sourceId";
    public static final String META_TITLE = "title";
    public static final String META_HEADING_PATH = "headingPath";
    public static final String META_VERSION = "version";
    public static final String META_LOCATION = "location";
    public static final String META_LANGUAGE = "language";

    public RetrievedPassage withScore(double newScore) {
        return new RetrievedPassage(documentId, chunkId, sourceId, externalKey, title, headingPath, version, location,
                language, text, newScore);
    }

    /** "Title > Section, version 3 (location)", as a numbered source line. */
    public String citation() {
        StringBuilder sb = new StringBuilder(headingPath.isBlank() ? title : headingPath);
        sb.append(", versie ").append(version);
        if (location != null && !location.isBlank()) {
            sb.append(" (").append(location).append(')');
        }
        return sb.toString();
    }
}
