package nl.consilium.rag;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What curation records about a knowledge document besides its content.
 *
 * @param sourceId    the knowledge source it belongs to; applications are allowed sources by this id (policy)
 * @param externalKey stable identity within the source (file name, URL path); re-uploads with the same key replace
 * @param title       shown in citations; when null the title is taken from the content (first heading, PDF title)
 * @param url         URL or location shown in citations, may be null
 * @param reviewDate  date by which the owner must review the document, may be null
 * @param licenceNote licence or permission under which the hospital uses the text, may be null
 */
public record DocumentMetadata(
        String sourceId,
        String externalKey,
        String title,
        String owner,
        String version,
        Language language,
        LocalDate reviewDate,
        String licenceNote,
        String url) {

    public DocumentMetadata {
        requireText(sourceId, "sourceId");
        requireText(externalKey, "externalKey");
        requireText(owner, "owner");
        requireText(version, "version");
        Objects.requireNonNull(language, "language");
        if (title != null && title.isBlank()) {
            title = null;
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IngestionException(IngestionException.Reason.INVALID_METADATA, "document metadata: " + field + " is required");
        }
    }

    public DocumentMetadata withTitle(String newTitle) {
        return new DocumentMetadata(sourceId, externalKey, newTitle, owner, version, language, reviewDate, licenceNote, url);
    }
}
