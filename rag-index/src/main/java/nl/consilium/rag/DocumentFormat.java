package nl.consilium.rag;

import java.util.Locale;

/** Formats the ingestion pipeline understands. */
public enum DocumentFormat {
    HTML,
    MARKDOWN,
    TEXT,
    PDF;

    /** Guesses the format from a file name; unknown extensions are refused rather than read as text. */
    public static DocumentFormat fromFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return HTML;
        }
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return MARKDOWN;
        }
        if (name.endsWith(".txt") || name.endsWith(".text")) {
            return TEXT;
        }
        if (name.endsWith(".pdf")) {
            return PDF;
        }
        throw new IngestionException(IngestionException.Reason.UNSUPPORTED_FORMAT,
                "unsupported file type: " + fileName + " (expected .html, .md, .txt or .pdf)");
    }
}
