package nl.consilium.rag.ingest;

import nl.consilium.rag.DocumentFormat;
import nl.consilium.rag.IngestionException;

/** Entry point of the parsers: bytes in, structure out, or a typed refusal. */
public final class DocumentParsers {

    private DocumentParsers() {
    }

    public static ParsedDocument parse(DocumentFormat format, byte[] bytes, String name, long maxBytes) {
        if (bytes.length == 0) {
            throw new IngestionException(IngestionException.Reason.EMPTY, name + " is empty");
        }
        if (bytes.length > maxBytes) {
            throw new IngestionException(IngestionException.Reason.TOO_LARGE,
                    name + " is too large (" + bytes.length + " bytes): the limit is " + maxBytes + " bytes");
        }
        ParsedDocument parsed = switch (format) {
            case HTML -> HtmlParser.parse(bytes, name);
            case MARKDOWN -> MarkdownParser.parse(bytes, name);
            case TEXT -> PlainTextParser.parse(bytes, name);
            case PDF -> PdfParser.parse(bytes, name);
        };
        if (!parsed.hasText()) {
            throw new IngestionException(IngestionException.Reason.EMPTY, name + " contains no readable text"
                    + (format == DocumentFormat.PDF ? " (a scanned PDF needs OCR first)" : ""));
        }
        return parsed;
    }
}
